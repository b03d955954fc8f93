/**
 * What an adjustment may do, checked against the layer's effective catalog on the day it would take
 * effect, and the codes of the items it adds. Every refusal is a keyed message (catalogs.error.adjust.*).
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { AppError, msg } from '../../core/errors.js';
import { parsePatterns } from './rules.js';
import type { MessageKey, MessageParams } from '../../../shared/i18n.js';
import {
  EDITABLE_FIELDS,
  type AdjustmentOperation,
  type CatalogKind,
  type ItemFieldsInput,
} from '../../../shared/catalogs.js';
import type { CatalogRecord, EffectiveItem, ItemPatch } from './catalogs.model.js';
import { effectiveOn, missing, type RegionRef } from './catalogs.effective.js';
import * as repo from './catalogs.repo.js';

const KIND_ABBR: Record<CatalogKind, string> = {
  duty: 'DUTY',
  assistance: 'ASSIST',
  certificate: 'CERT',
  negative_certificate: 'NEG',
  prohibition: 'PROH',
  mechanism: 'MECH',
  sign_guide: 'SIGN',
  micro_power: 'POWER',
  disclosure: 'DISC',
};

export const laterOf = (a: string, b: string) => (a > b ? a : b);

const refuse = (code: 'validation_failed' | 'conflict', key: MessageKey, params?: MessageParams) =>
  new AppError(code, msg(key, params));

/** Only the fields a person set (undefined dropped); null clears a field. */
export function cleanPatch(fields: ItemFieldsInput | undefined): ItemPatch {
  const out: ItemPatch = {};
  if (!fields) return out;
  for (const k of EDITABLE_FIELDS) {
    const v = fields[k];
    if (v === undefined) continue;
    (out as Record<string, unknown>)[k] = typeof v === 'string' && v.trim() === '' ? null : v;
  }
  return out;
}

/**
 * Recognition rules belong to prohibition items only, and every line must parse (the judge would skip a
 * broken line): 400 with the line numbers in `details` (field `patterns`).
 */
function checkPatterns(kind: CatalogKind, fields: ItemPatch) {
  if (!fields.patterns) return;
  if (kind !== 'prohibition') throw refuse('validation_failed', 'catalogs.error.adjust.patternsNotProhibition');
  const { errors } = parsePatterns(fields.patterns);
  if (errors.length)
    throw new AppError(
      'validation_failed',
      msg('catalogs.error.adjust.patternsInvalid', { lines: errors.map((e) => e.line).join('、') }),
      errors.map((e) => ({ field: 'patterns', line: e.line, message: e.message })),
    );
}

export interface Resolved {
  catalog: CatalogRecord | null;
  current: EffectiveItem | null;
  itemName: string | null;
  changes: ItemPatch | null;
}

/**
 * Checks an adjustment against the layer's effective catalog on `date` (the day it would take effect):
 * the catalog is in force there for add/unadopt and not for adopt; the item is in force for
 * amend/withdraw; an amend changes something. Throws 400/404/409 with a keyed message.
 */
export async function resolve(
  db: Kysely<DB>,
  target: RegionRef,
  op: AdjustmentOperation,
  input: { catalogId?: string | null; itemCode?: string | null; fields?: ItemPatch | null },
  date: string,
): Promise<Resolved> {
  const [eff] = await effectiveOn(db, target.code, [date], 'internal');
  const active = new Map(eff.active.map((a) => [a.catalog.id, a]));
  const catalogOf = async (id: string | null | undefined, required: MessageKey) => {
    if (!id) throw refuse('validation_failed', required);
    return (await repo.catalogById(db, id)) ?? missing('catalog');
  };
  const where = (catalog: CatalogRecord) => ({ title: catalog.title, region: target.name, date });
  const fields = input.fields ?? {};
  switch (op) {
    case 'add': {
      const catalog = await catalogOf(input.catalogId, 'catalogs.error.adjust.catalogForAdd');
      if (!active.has(catalog.id)) throw refuse('conflict', 'catalogs.error.adjust.adoptFirst', where(catalog));
      if (!fields.name) throw refuse('validation_failed', 'catalogs.error.adjust.nameRequired');
      if (!fields.basis) throw refuse('validation_failed', 'catalogs.error.adjust.basisRequired');
      if (input.itemCode && (await repo.itemByCode(db, input.itemCode)))
        throw refuse('conflict', 'catalogs.error.adjust.codeTaken', { code: input.itemCode });
      const dup = eff.items.find((i) => i.catalogId === catalog.id && i.fields.name === fields.name);
      if (dup)
        throw refuse('conflict', 'catalogs.error.adjust.duplicateName', { name: dup.fields.name, code: dup.code });
      checkPatterns(catalog.kind, fields);
      return { catalog, current: null, itemName: fields.name, changes: fields };
    }
    case 'amend':
    case 'withdraw': {
      if (!input.itemCode) throw refuse('validation_failed', 'catalogs.error.adjust.itemRequired');
      const item = (await repo.itemByCode(db, input.itemCode)) ?? missing('item');
      const current = eff.items.find((i) => i.itemId === item.id);
      if (!current)
        throw refuse('conflict', 'catalogs.error.adjust.itemNotInForce', {
          code: input.itemCode,
          region: target.name,
          date,
        });
      const catalog = active.get(item.catalogId)!.catalog;
      if (op === 'withdraw') {
        if (Object.keys(fields).length) throw refuse('validation_failed', 'catalogs.error.adjust.withdrawNoFields');
        return { catalog, current, itemName: current.fields.name, changes: null };
      }
      const changed = Object.fromEntries(
        Object.entries(fields).filter(([k, v]) => (current.fields as unknown as Record<string, unknown>)[k] !== v),
      );
      if (!Object.keys(changed).length) throw refuse('validation_failed', 'catalogs.error.adjust.noChange');
      if ('name' in changed && !changed.name) throw refuse('validation_failed', 'catalogs.error.adjust.nameEmpty');
      checkPatterns(catalog.kind, changed);
      return { catalog, current, itemName: current.fields.name, changes: changed as ItemPatch };
    }
    case 'adopt': {
      const catalog = await catalogOf(input.catalogId, 'catalogs.error.adjust.catalogToAdopt');
      if (catalog.ownerRegionCode) throw refuse('validation_failed', 'catalogs.error.adjust.localNoAdopt');
      if (active.has(catalog.id)) throw refuse('conflict', 'catalogs.error.adjust.alreadyInForce', where(catalog));
      return { catalog, current: null, itemName: null, changes: null };
    }
    case 'unadopt': {
      const catalog = await catalogOf(input.catalogId, 'catalogs.error.adjust.catalogToUnadopt');
      const a = active.get(catalog.id);
      if (!a) throw refuse('conflict', 'catalogs.error.adjust.notInForce', where(catalog));
      if (a.via === 'owned') throw refuse('validation_failed', 'catalogs.error.adjust.localNoUnadopt');
      return { catalog, current: null, itemName: null, changes: null };
    }
  }
}

/** The next free code of an added item at a layer: 140404-CERT-01, 140404001-DUTY-03 … */
export async function nextCode(db: Kysely<DB>, target: RegionRef, kind: CatalogKind): Promise<string> {
  const short = target.code.slice(0, target.level === 'county' ? 6 : 9);
  const prefix = `${short}-${KIND_ABBR[kind]}-`;
  const taken = await repo.codesWithPrefix(db, prefix);
  let n = taken.size + 1;
  while (taken.has(`${prefix}${String(n).padStart(2, '0')}`)) n += 1;
  return `${prefix}${String(n).padStart(2, '0')}`;
}
