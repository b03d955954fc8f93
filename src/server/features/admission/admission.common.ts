/**
 * What the admission use cases share: today's date, the conflict and not-found errors, loading a request
 * the actor may read, and the pure helpers over request content (hash, basis lines, the townships judged).
 */
import type { Kysely } from 'kysely';
import type { Deps } from '../../deps.js';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../core/actor.js';
import { shanghaiDate } from '../../core/clock.js';
import { sm3 } from '../../core/crypto.js';
import { AppError, msg } from '../../core/errors.js';
import type { MessageKey } from '../../../shared/i18n.js';
import type { RegionLevel } from '../../../shared/roles.js';
import type { RequestContent } from '../../../shared/admission.js';
import { ancestorsOf } from '../regions/regions.model.js';
import * as repo from './admission.repo.js';
import type { AdmissionRequest } from './admission.repo.js';

export const today = (deps: Deps) => shanghaiDate(deps.clock.now());

/** 409: someone else handled or changed the request (or the settings) first. */
export const conflict = (key: MessageKey = 'admission.error.stale') => new AppError('conflict', msg(key));

/** One request the actor may read; 404 otherwise (whether or not it exists). */
export async function loadReadable(deps: Deps, actor: Actor, id: string, db: Kysely<DB> = deps.db) {
  const r = await repo.findReadable(db, actor, id);
  if (!r) throw new AppError('not_found', msg('admission.error.notFound'));
  return r;
}

export function checkVersion(r: AdmissionRequest, version: number) {
  if (r.version !== version) throw conflict();
}

/** The district (12-digit county code) of a region: whose settings and catalog layer apply. */
export const county12 = (code: string) => code.slice(0, 6).padEnd(12, '0');

export const hashContent = (c: RequestContent) => sm3(JSON.stringify(c));

/** The basis documents as one line each (document and article). */
export const basisLines = (c: Pick<RequestContent, 'basis'>) =>
  c.basis.map((b) => `${b.document}${b.article ? ` ${b.article}` : ''}`);

/** Whole days from `day` to `date` (both YYYY-MM-DD). */
export const daysBetween = (day: string, date: string) =>
  Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${day}T00:00:00Z`)) / 86_400_000);

/** The regions whose effective catalogs a request is judged against: each target's township (or the county). */
export function judgeRegions(targets: { regionCode: string; level: string }[]): string[] {
  const out = new Set<string>();
  for (const t of targets) {
    const a = ancestorsOf(t.regionCode, t.level as RegionLevel);
    out.add(a.townshipCode ?? a.countyCode ?? t.regionCode);
  }
  return [...out].sort();
}
