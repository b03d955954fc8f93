/**
 * The demo's admission to-dos (JIANFU_DEMO, unless JIANFU_DEMO_CAMPAIGN=0): demo-department files and
 * submits an out-of-catalog special task (waiting for demo-district's review), and demo-village flags a
 * task that reached it from demo-department's bureau without admission. Through the services, each with
 * its audit row. Idempotent: nothing is done once demo-village has flagged anything.
 */
import type { Deps } from '../../deps.js';
import type { Actor } from '../../core/actor.js';
import { shanghaiDate } from '../../core/clock.js';
import { addDays } from '../../../shared/campaigns.codes.js';
import type { RequestContent } from '../../../shared/admission.js';
import * as directory from '../accounts/directory.js';
import { createFlag } from './admission.flags.service.js';
import { findFlagsReadable } from './admission.flags.repo.js';
import { createRequest } from './admission.filing.service.js';
import { submitRequest } from './admission.submit.service.js';

const ctxOf = (actor: Actor) => directory.contextOf(actor, 'demo:admission');
const demoActor = (deps: Deps, username: string) => directory.actorByUsername(deps.db, username);

export async function seedAdmissionDemo(deps: Deps) {
  if (!deps.config.demo.campaign) return { created: false };
  const [village, department] = await Promise.all(['demo-village', 'demo-department'].map((u) => demoActor(deps, u)));
  if (!village || !department) return { created: false };
  if ((await findFlagsReadable(deps.db, village, {}, { page: 1, pageSize: 1 })).total > 0) return { created: false };
  const today = shanghaiDate(deps.clock.now());
  const content = {
    kind: 'special_task',
    title: '秸秆禁烧网格巡查专项任务',
    description: '秋收期间协助开展秸秆禁烧网格巡查',
    basis: [{ document: '长治市大气污染防治工作方案', article: '第三条', level: 'local' }],
    targets: ['140404000000'],
    startsOn: addDays(today, 30),
    endsOn: addDays(today, 150),
    funding: { provided: true, amountYuan: 50000, source: '区级财政专项' },
    staffing: { provided: true, people: 2, description: '农业农村局派驻网格员' },
    forms: [{ name: '巡查日志', frequency: 'weekly' }],
  } as unknown as RequestContent;
  const filed = await createRequest(deps, ctxOf(department), content);
  await submitRequest(deps, ctxOf(department), filed.id, filed.version);
  await createFlag(deps, ctxOf(village), {
    departmentId: department.departmentId,
    departmentName: null,
    taskTitle: '每周上报秸秆焚烧巡查照片',
    description: '通过工作群要求每周上报巡查照片，未见准入决定。',
    channel: 'wechat',
    receivedOn: today,
    requestId: null,
  });
  return { created: true };
}
