/**
 * Ledger import: one workbook (a sheet per category, named 标识牌 / 工作机制 / 工作事务 / 证明事项, or
 * one sheet for the category asked for) for one village or many. All-or-nothing: every problem is
 * reported with sheet, row and column in Chinese and nothing is written; otherwise everything is
 * written in one transaction with one audit row. Rows are upserted on their identity in the ledger
 * (name, plus position for signs and requesting body for work affairs), so importing the same file
 * twice changes nothing.
 */
import { createHash } from 'node:crypto';
import type { Deps } from '../../deps.js';
import type { RequestContext } from '../../core/actor.js';
import { canAt } from '../../core/actor.js';
import { AppError } from '../../core/errors.js';
import { appendAudit } from '../../core/audit.js';
import { newId } from '../../core/ids.js';
import { shanghaiDate } from '../../core/clock.js';
import { failImport, readSheet, type SheetRow } from '../../core/xlsx.js';
import { sm3 } from '../../core/crypto.js';
import type { RowError } from '../../../shared/errors.js';
import {
  CATEGORIES,
  CATEGORY_LABELS,
  FIELD_SCHEMAS,
  SUGGESTED_VERDICT_LABELS,
  effectiveStatus,
  fieldsHashOf,
  naturalKeyOf,
  type Category,
  type RowFields,
  type RowInput,
  type Verdict,
} from './campaigns.model.js';
import * as repo from './campaigns.repo.js';
import { judgeRow, judgeSigns, type Suggestion } from './campaigns.judge.js';
import { catalogLookups } from './campaigns.catalog.js';
import {
  importColumns,
  parseCatalogHit,
  parseCount,
  parsePosition,
  parseProvider,
  parseVerdict,
  parseYesNo,
  villageKey,
} from './campaigns.excel.js';
import { getVisibleCampaign } from './campaigns.service.js';
import { afterRowChange } from './ledgers.service.js';
import { isEditableStatus } from './campaigns.policy.js';
import type { LedgerRowTable } from './campaigns.tables.js';

interface ParsedRow {
  sheet: string;
  row: number;
  ledger: repo.LedgerRecord;
  input: RowInput;
  key: string;
  hash: string;
  verdict: Verdict | null;
  overrideReason: string | null;
  reasonColumn: string;
}

export interface ImportSummary {
  fileSha256: string;
  sheets: string[];
  rows: number;
  ledgers: number;
  inserted: number;
  updated: number;
  unchanged: number;
}

const header = (category: Category, key: string) => importColumns(category).find((c) => c.key === key)!.header;

/** Reads, validates, judges and writes an import; throws import_failed (400) naming every bad row. */
export async function importLedgerRows(
  deps: Deps,
  ctx: RequestContext,
  campaignId: string,
  buf: Buffer,
  opts: { category?: Category; timings?: Record<string, number> } = {},
): Promise<ImportSummary> {
  const actor = ctx.actor!;
  let mark = performance.now();
  const lap = (name: string) => {
    const now = performance.now();
    if (opts.timings) opts.timings[name] = (opts.timings[name] ?? 0) + (now - mark);
    mark = now;
  };
  const c = await getVisibleCampaign(deps, actor, campaignId);
  if (c.status !== 'active') throw new AppError('conflict', '专项行动尚未启动或已结束，不能导入台账');
  const fileSha256 = createHash('sha256').update(buf).digest('hex');

  // 1. The sheets: the asked category's sheet (or the first sheet), else every category sheet present.
  const sheets: { category: Category; name: string; rows: SheetRow[] }[] = [];
  const errors: RowError[] = [];
  const wanted = opts.category ? [opts.category] : [...CATEGORIES];
  for (const category of wanted) {
    let read;
    try {
      read = await readSheet(buf, importColumns(category), { sheet: CATEGORY_LABELS[category] });
    } catch (err) {
      const missing = err instanceof AppError && err.code === 'validation_failed' && err.message.includes('没有名为');
      if (!missing) throw err;
      if (!opts.category) continue;
      read = await readSheet(buf, importColumns(category));
    }
    errors.push(...read.errors);
    sheets.push({ category, name: read.sheet, rows: read.rows });
  }
  if (!sheets.length)
    throw new AppError(
      'validation_failed',
      `文件中没有台账工作表：工作表应命名为${CATEGORIES.map((k) => `“${CATEGORY_LABELS[k]}”`).join('、')}，请使用下载的模板`,
    );
  if (errors.length) failImport(errors);
  lap('read');

  // 2. The ledgers the actor may import into.
  const ledgers = (await deps.db.selectFrom('ledger').selectAll().where('campaignId', '=', c.id).execute())
    .map(repo.toLedger)
    .filter((l) => canAt(actor, 'ledgers.import', l.villageCode));
  if (!ledgers.length) throw new AppError('forbidden', '您没有可以导入的村（社区）台账');
  const byCode = new Map(ledgers.map((l) => [l.villageCode, l]));
  const byId = new Map(ledgers.map((l) => [l.id, l]));
  const byName = new Map<string, repo.LedgerRecord[]>();
  for (const l of ledgers) byName.set(villageKey(l.villageName), [...(byName.get(villageKey(l.villageName)) ?? []), l]);

  // 3. Row by row: every problem, with sheet, row and column.
  const parsed: ParsedRow[] = [];
  const seen = new Map<string, number>();
  for (const s of sheets) {
    for (const r of s.rows) {
      const err = (key: string, message: string) =>
        errors.push({
          sheet: s.name,
          row: r.row,
          column: key === 'village' ? '村（社区）代码' : header(s.category, key),
          message,
        });
      const before = errors.length;
      const v = r.values;
      let ledger: repo.LedgerRecord | undefined;
      const code = (v.villageCode ?? '').replace(/\s+/g, '');
      if (code) {
        ledger = byCode.get(code);
        if (!ledger) err('village', `村（社区）代码“${code}”不在本次专项行动中，或不在您的管辖范围内`);
      } else if (v.villageName) {
        const hits = byName.get(villageKey(v.villageName)) ?? [];
        if (hits.length === 1) ledger = hits[0];
        else
          err(
            'village',
            hits.length
              ? `村（社区）名称“${v.villageName}”有重名，请填写村（社区）代码`
              : `找不到村（社区）“${v.villageName}”，请填写村（社区）代码`,
          );
      } else if (ledgers.length === 1) ledger = ledgers[0];
      else err('village', '请填写村（社区）代码或名称');
      if (ledger && !isEditableStatus(ledger.status))
        err('village', `${ledger.villageName}的台账已提交待审核，不能导入（请先撤回或由乡镇退回）`);
      const name = (v.name ?? '').trim();
      const imposedBy = (v.imposedBy ?? '').trim();
      if (!name) err('name', '必填');
      else if (name.length > 200) err('name', '不能超过 200 个字');
      if (!imposedBy) err('imposedBy', '必填');
      else if (imposedBy.length > 100) err('imposedBy', '不能超过 100 个字');
      const basis = (v.basis ?? '').trim();
      if (basis.length > 300) err('basis', '不能超过 300 个字');
      let fields: Record<string, unknown> = {};
      if (s.category === 'sign') {
        const position = parsePosition(v.position ?? '');
        if (!position)
          err(
            'position',
            v.position ? `“${v.position}”无法识别，应为：室外、室内、功能区入口` : '必填：室外、室内、功能区入口',
          );
        fields = { position };
      } else if (s.category === 'mechanism') {
        const yes = (key: string) => {
          const b = parseYesNo(v[key] ?? '');
          if (b === null) err(key, v[key] ? `“${v[key]}”无法识别，应为：是、否` : '必填：是、否');
          return b;
        };
        const who = (key: string) => {
          const p = parseProvider(v[key] ?? '');
          if (!p)
            err(
              key,
              v[key]
                ? `“${v[key]}”无法识别，应为：村级组织自行承担、设立单位、其他单位、无`
                : '必填：村级组织自行承担、设立单位、其他单位、无',
            );
          return p;
        };
        fields = {
          dedicatedPost: yes('dedicatedPost'),
          staffBy: who('staffBy'),
          fundedBy: who('fundedBy'),
          effective: yes('effective'),
          villagersAccept: yes('villagersAccept'),
        };
      } else if (s.category === 'work_affair') {
        const hit = parseCatalogHit(v.catalogHit ?? '');
        if (hit === undefined) err('catalogHit', `“${v.catalogHit}”无法识别，应为：履职、协助、目录外，或不填`);
        const forms = parseCount(v.formsRequired ?? '');
        if (forms === undefined) err('formsRequired', `“${v.formsRequired}”不是整数`);
        fields = {
          catalogHit: hit ?? null,
          funding: (v.funding ?? '').trim().slice(0, 200),
          formsRequired: forms ?? 0,
          approvalRef: (v.approvalRef ?? '').trim().slice(0, 100),
        };
      } else {
        const n = parseCount(v.volumeLastYear ?? '');
        if (n === undefined) err('volumeLastYear', `“${v.volumeLastYear}”不是整数`);
        fields = { volumeLastYear: n ?? 0 };
      }
      const verdict = parseVerdict(v.verdict ?? '');
      if (verdict === undefined) err('verdict', `“${v.verdict}”无法识别，应为：保留、取消、合并、整改，或不填`);
      if (errors.length > before || !ledger) continue;
      const input: RowInput = {
        category: s.category,
        name,
        imposedBy,
        basis,
        fields: FIELD_SCHEMAS[s.category].parse(fields) as RowFields,
      };
      const key = naturalKeyOf(input);
      const dupKey = `${ledger.id}|${key}`;
      const first = seen.get(dupKey);
      if (first !== undefined) {
        err('name', `与第 ${first} 行重复（同一村的同一条目）`);
        continue;
      }
      seen.set(dupKey, r.row);
      parsed.push({
        sheet: s.name,
        row: r.row,
        ledger,
        input,
        key,
        hash: fieldsHashOf(input),
        verdict: verdict ?? null,
        overrideReason: (v.overrideReason ?? '').trim() || null,
        reasonColumn: header(s.category, 'overrideReason'),
      });
    }
  }
  if (errors.length) failImport(errors);
  if (!parsed.length) throw new AppError('validation_failed', '文件中没有数据行');
  lap('validate');

  // 4. Judge against today's catalogs; existing rows of the same ledgers are the baseline.
  const now = deps.clock.nowIso();
  const lookups = catalogLookups(deps, shanghaiDate(deps.clock.now()));
  const touched = [...new Set(parsed.map((p) => p.ledger.id))];
  const existing = new Map<string, repo.RowRecord[]>();
  for (let i = 0; i < touched.length; i += 200) {
    const rows = await deps.db
      .selectFrom('ledgerRow')
      .selectAll()
      .where('ledgerId', 'in', touched.slice(i, i + 200))
      .execute();
    for (const r of rows) existing.set(r.ledgerId, [...(existing.get(r.ledgerId) ?? []), repo.toRow(r)]);
  }
  const memo = new Map<string, Suggestion>();
  const inserts: LedgerRowTable[] = [];
  const updates: {
    row: repo.RowRecord;
    input: RowInput | null;
    suggestion: Suggestion;
    decision: { verdict: Verdict | null; decision: 'accepted' | 'overridden' | null; reason: string | null };
  }[] = [];
  let unchanged = 0;
  const byLedger = new Map<string, ParsedRow[]>();
  for (const p of parsed) byLedger.set(p.ledger.id, [...(byLedger.get(p.ledger.id) ?? []), p]);
  for (const [ledgerId, items] of byLedger) {
    const l = items[0].ledger;
    const lookup = await lookups.forVillage(l.villageCode);
    const current = existing.get(ledgerId) ?? [];
    const currentByKey = new Map(current.map((r) => [`${r.category}|${r.naturalKey}`, r]));
    const seqNext = new Map(
      CATEGORIES.map((k) => [k, Math.max(0, ...current.filter((r) => r.category === k).map((r) => r.seq)) + 1]),
    );
    const planned = items.map((p) => {
      const old = currentByKey.get(`${p.input.category}|${p.key}`);
      const id = old?.id ?? newId();
      const seq = old?.seq ?? seqNext.get(p.input.category)!;
      if (!old) seqNext.set(p.input.category, seq + 1);
      return { p, old, id, seq };
    });
    // Signs are judged together with the ledger's other signs (the count limit spans the village).
    const signs = new Map<string, { id: string; seq: number; input: RowInput }>();
    for (const r of current)
      if (r.category === 'sign') signs.set(r.id, { id: r.id, seq: r.seq, input: repo.inputOf(r) });
    for (const x of planned)
      if (x.p.input.category === 'sign') signs.set(x.id, { id: x.id, seq: x.seq, input: x.p.input });
    const signJudged = signs.size
      ? await judgeSigns(
          [...signs.values()],
          await repo.signGuideOf(deps.db, l.countyCode),
          l.villageKind,
          lookup.versionId,
          lookup,
        )
      : new Map<string, Suggestion>();
    const judge = async (input: RowInput, id: string, hash: string) => {
      if (input.category === 'sign') return signJudged.get(id)!;
      const k = `${lookup.versionId}|${hash}`;
      let s = memo.get(k);
      if (!s) memo.set(k, (s = await judgeRow(input, lookup)));
      return s;
    };
    const importedIds = new Set<string>();
    for (const { p, old, id, seq } of planned) {
      importedIds.add(id);
      const s = await judge(p.input, id, p.hash);
      let decision: { verdict: Verdict | null; decision: 'accepted' | 'overridden' | null; reason: string | null };
      if (p.verdict) {
        if (p.verdict !== s.verdict && !p.overrideReason) {
          errors.push({
            sheet: p.sheet,
            row: p.row,
            column: p.reasonColumn,
            message: `处理意见“${SUGGESTED_VERDICT_LABELS[p.verdict]}”与系统建议“${SUGGESTED_VERDICT_LABELS[s.verdict]}”不同，须写明改判理由`,
          });
          continue;
        }
        decision =
          p.verdict === s.verdict
            ? { verdict: p.verdict, decision: 'accepted', reason: null }
            : { verdict: p.verdict, decision: 'overridden', reason: p.overrideReason };
      } else if (old) {
        const reset = old.decision === 'accepted' && old.verdict !== s.verdict;
        decision = reset
          ? { verdict: null, decision: null, reason: null }
          : { verdict: old.verdict, decision: old.decision, reason: old.overrideReason };
      } else decision = { verdict: null, decision: null, reason: null };
      if (!old) {
        inserts.push(
          repo.newRowValues(l, effectiveStatus(l.status, l.approvalStale), {
            id,
            seq,
            input: p.input,
            suggestion: s,
            now,
            createdBy: actor.userId,
            source: 'import',
            changeKind: c.previousCampaignId ? 'new' : null,
            naturalKey: p.key,
            fieldsHash: p.hash,
            verdict: decision.verdict,
            decision: decision.decision,
            overrideReason: decision.reason,
          }),
        );
        continue;
      }
      const same =
        old.fieldsHash === p.hash &&
        repo.sameSuggestion(old.suggestion, s) &&
        old.verdict === decision.verdict &&
        old.decision === decision.decision &&
        (old.overrideReason ?? null) === decision.reason;
      if (same) unchanged += 1;
      else updates.push({ row: old, input: p.input, suggestion: s, decision });
    }
    // Existing signs not in the file may get a new suggestion (e.g. the count limit is now exceeded).
    for (const r of current) {
      if (r.category !== 'sign' || importedIds.has(r.id)) continue;
      const s = signJudged.get(r.id)!;
      if (repo.sameSuggestion(r.suggestion, s)) continue;
      const reset = r.decision === 'accepted' && r.verdict !== s.verdict;
      updates.push({
        row: r,
        input: null,
        suggestion: s,
        decision: reset
          ? { verdict: null, decision: null, reason: null }
          : { verdict: r.verdict, decision: r.decision, reason: r.overrideReason },
      });
    }
  }
  if (errors.length) failImport(errors);
  lap('judge');

  const changedLedgers = new Set([...inserts.map((r) => r.ledgerId), ...updates.map((u) => u.row.ledgerId)]);
  const summary: ImportSummary = {
    fileSha256,
    sheets: sheets.map((s) => s.name),
    rows: parsed.length,
    ledgers: touched.length,
    inserted: inserts.length,
    updated: updates.filter((u) => u.input).length,
    unchanged,
  };
  if (!changedLedgers.size) return summary;

  // 5. One transaction: rows, ledger versions (approvals go stale), one audit row with the rows' ids hash.
  await deps.db.transaction().execute(async (trx) => {
    await repo.insertRows(trx, inserts, deps.database);
    for (const u of updates) {
      const decided = u.decision.verdict !== u.row.verdict || u.decision.decision !== u.row.decision;
      await trx
        .updateTable('ledgerRow')
        .set((eb) => ({
          ...(u.input
            ? {
                name: u.input.name,
                imposedBy: u.input.imposedBy,
                basis: u.input.basis,
                fields: JSON.stringify(u.input.fields),
                fieldsHash: fieldsHashOf(u.input),
                source: 'import',
                changeKind: u.row.prevRowId
                  ? fieldsHashOf(u.input) === u.row.prevFieldsHash
                    ? 'unchanged'
                    : 'changed'
                  : u.row.changeKind,
              }
            : {}),
          ...repo.suggestionColumns(u.suggestion, now),
          verdict: u.decision.verdict,
          decision: u.decision.decision,
          overrideReason: u.decision.reason,
          ...(decided
            ? { decidedBy: u.decision.verdict ? actor.userId : null, decidedAt: u.decision.verdict ? now : null }
            : {}),
          updatedAt: now,
          version: eb('version', '+', 1),
        }))
        .where('id', '=', u.row.id)
        .where('version', '=', u.row.version)
        .execute();
    }
    for (const id of changedLedgers) {
      const l = await repo.findLedger(trx, id);
      if (!l) continue;
      if (!isEditableStatus(l.status))
        throw new AppError('conflict', `${l.villageName}的台账在导入过程中被提交，导入已取消，请重新导入`);
      if (l.version !== byId.get(id)?.version)
        throw new AppError('conflict', `${l.villageName}的台账在导入过程中被修改，导入已取消，请重新导入`);
      await afterRowChange(trx, deps, ctx, l, now);
    }
    const ids = [...inserts.map((r) => r.id), ...updates.map((u) => u.row.id)].sort();
    await appendAudit(trx, deps, ctx, {
      action: 'ledgers.import',
      entity: 'campaign',
      entityId: c.id,
      regionCode: ledgers.length === 1 ? ledgers[0].villageCode : c.regionCode,
      after: {
        ...summary,
        updatedSuggestions: updates.filter((u) => !u.input).length,
        rowIdsSm3: sm3(ids.join(',')),
        rowIdCount: ids.length,
        ledgerIds: [...changedLedgers].slice(0, 500),
      },
    });
  });
  lap('write');
  return summary;
}
