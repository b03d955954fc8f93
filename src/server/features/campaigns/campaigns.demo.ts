/**
 * The demo's running campaign (JIANFU_DEMO, unless JIANFU_DEMO_CAMPAIGN=0): demo-district's campaign over
 * 上党区 with deadlines relative to today (sensible on any day of the year), launched; demo-village's
 * ledger partly filled (rows entered, not yet decided); three other villages of 韩店街道 submitted, one of
 * them returned by demo-township with a note. Every write goes through the services (each with its audit
 * row); the other villages' cadres, who have no demo account, act as demo-village's account placed at
 * their village (the audit names demo-village). Row names are the journey test's, judged against the
 * shipped catalogs. Idempotent: nothing is done once the demo district has a campaign.
 */
import type { Deps } from '../../deps.js';
import type { Actor } from '../../core/actor.js';
import { shanghaiDate } from '../../core/clock.js';
import { addDays, DEFAULT_PHASES, type CreateRowBody } from '../../../shared/campaigns.js';
import * as directory from '../accounts/directory.js';
import * as regions from '../regions/regions.service.js';
import * as repo from './campaigns.repo.js';
import { ledgerIdsByVillage } from './ledgers.repo.js';
import { createCampaign } from './campaigns.service.js';
import { launchCampaign, runLaunch } from './launch.service.js';
import { acceptAll, addRow } from './rows.service.js';
import { returnLedger, submit } from './review.service.js';
import { getLedger } from './ledgers.service.js';

const COUNTY = '140404000000';
const TOWNSHIP = '140404001000';
const VILLAGE = '140404001200';

const ROWS: CreateRowBody[] = [
  { category: 'sign', name: '韩店村民委员会', imposedBy: '韩店街道办事处', fields: { position: 'outside' } },
  { category: 'sign', name: '韩店村禁毒工作站', imposedBy: '区禁毒委', fields: { position: 'outside' } },
  { category: 'work_affair', name: '协助做好社会救助', imposedBy: '长治市上党区民政局', fields: {} },
  { category: 'certificate', name: '亲属关系证明', imposedBy: '某商业银行', fields: { volumeLastYear: 30 } },
] as CreateRowBody[];

const ctxOf = (actor: Actor) => directory.contextOf(actor, 'demo:campaigns');
const demoActor = (deps: Deps, username: string) => directory.actorByUsername(deps.db, username);

export async function seedCampaignDemo(deps: Deps) {
  if (!deps.config.demo.campaign) return { created: false };
  const [district, village, township] = await Promise.all(
    ['demo-district', 'demo-village', 'demo-township'].map((u) => demoActor(deps, u)),
  );
  if (!district || !village || !township) return { created: false };
  if ((await repo.visibleCampaigns(deps.db, district)).some((c) => c.regionCode === COUNTY)) return { created: false };

  const today = shanghaiDate(deps.clock.now());
  const year = Number(today.slice(0, 4));
  const created = await createCampaign(deps, ctxOf(district), {
    name: `${year}年村级组织减负专项行动（演示）`,
    regionCode: COUNTY,
    year,
    // The plan's spacing from today, so the demo is never overdue, whatever the date.
    phases: DEFAULT_PHASES.map((p) => ({ key: p.key, deadline: addDays(today, Math.round(p.leadDays * 0.7)) })),
  });
  await launchCampaign(deps, ctxOf(district), created.id, created.version);
  // The ledgers are needed now: run the launch here (the queued job then finds nothing left to do).
  await runLaunch(deps, created.id, { progress: async () => undefined, createdBy: district.userId });

  const ledgers = await ledgerIdsByVillage(deps.db, created.id);
  const own = ledgers.get(VILLAGE);
  if (own) for (const r of ROWS) await addRow(deps, ctxOf(village), own, r);

  const others = (await regions.villagesUnder(deps.db, TOWNSHIP, 'township')).filter((v) => v.code !== VILLAGE);
  for (const [i, v] of others.slice(0, 3).entries()) {
    const id = ledgers.get(v.code);
    if (!id) continue;
    const cadre: Actor = {
      ...village,
      regionCode: v.code,
      grants: [{ role: 'village_cadre', regionCode: v.code, level: v.level }],
    };
    for (const r of ROWS.slice(0, 2))
      await addRow(deps, ctxOf(cadre), id, { ...r, name: r.name.replace('韩店村', v.name) });
    const view = await getLedger(deps, cadre, id);
    const accepted = await acceptAll(deps, ctxOf(cadre), id, { version: view.ledger.version });
    const sent = await submit(deps, ctxOf(cadre), id, accepted.ledgerVersion);
    if (i === 0)
      await returnLedger(deps, ctxOf(township), id, {
        version: sent.ledger.version,
        note: '请核实标识牌的悬挂位置和设立单位后重新提交。',
      });
  }
  return { created: true };
}
