/**
 * The register (证明开具台账), masked everywhere: lists and exports with exact search by a personal value
 * through its blind index (the search itself audited), one certificate with its record, and public
 * verification by the unguessable code.
 */
import type { Kysely } from 'kysely';
import type { Deps } from '../../deps.js';
import type { DB } from '../../db/schema.js';
import type { Actor, AuthedContext } from '../../core/actor.js';
import { appendAudit } from '../../core/audit.js';
import { shanghaiDate } from '../../core/clock.js';
import { AppError, msg } from '../../core/errors.js';
import type { RegisterQuery, Verification } from '../../../shared/certificates.js';
import { maskIdNumber, maskName, maskPhone } from './certificates.identity.js';
import { canPrint, canRevoke, canUnmask } from './certificates.policy.js';
import * as repo from './certificates.repo.js';
import { presentDetail, presentRow } from './certificates.presenter.js';

type Filter = Omit<RegisterQuery, 'page' | 'pageSize'>;

function registerFilter(deps: Deps, f: Filter): repo.RegisterFilter {
  const c = deps.cipher;
  return {
    q: f.q,
    status: f.status,
    path: f.path,
    from: f.from,
    to: f.to,
    villageCode: f.villageCode,
    nameIndex: f.name ? c.blindIndex(f.name) : undefined,
    idIndex: f.idNumber ? c.blindIndex(f.idNumber) : undefined,
    phoneIndex: f.phone ? c.blindIndex(f.phone.replace(/[\s-]+/g, '')) : undefined,
  };
}

/** Searching by a personal value is a use of personal data: the search itself is audited (masked). */
async function auditSearch(deps: Deps, ctx: AuthedContext, f: Filter, action: string) {
  if (!f.name && !f.idNumber && !f.phone && action !== 'certificates.export') return;
  await deps.db.transaction().execute((trx) =>
    appendAudit(trx, deps, ctx, {
      action,
      entity: 'certificate',
      after: {
        ...f,
        name: f.name ? maskName(f.name) : undefined,
        idNumber: f.idNumber ? maskIdNumber(f.idNumber) : undefined,
        phone: f.phone ? maskPhone(f.phone) : undefined,
      },
    }),
  );
}

export async function listRegister(deps: Deps, ctx: AuthedContext, query: RegisterQuery) {
  const { page, pageSize, ...f } = query;
  await auditSearch(deps, ctx, f, 'certificates.search');
  const { total, items } = await repo.listVisible(deps.db, ctx.actor, registerFilter(deps, f), { page, pageSize });
  return { total, items: items.map(presentRow) };
}

export async function* exportRegister(deps: Deps, ctx: AuthedContext, query: Filter) {
  await auditSearch(deps, ctx, query, 'certificates.export');
  for await (const r of repo.streamVisible(deps.db, ctx.actor, registerFilter(deps, query))) yield presentRow(r);
}

/** One certificate the actor may see (all columns: the print and unmask use cases read the ciphertext); 404 otherwise. */
export async function loadVisible(deps: Deps, actor: Actor, id: string, db: Kysely<DB> = deps.db) {
  const c = await repo.findVisible(db, actor, id);
  if (!c) throw new AppError('not_found', msg('certificates.error.notFound'));
  return c;
}

export async function getCertificate(deps: Deps, actor: Actor, id: string) {
  const c = await loadVisible(deps, actor, id);
  const events = await repo.eventsOf(deps.db, id);
  return presentDetail(c, events, {
    print: canPrint(actor, c),
    revoke: canRevoke(actor, c),
    unmask: canUnmask(actor, c),
  });
}

/** The detail view of a PII-bearing record (masked) is itself recorded (PI-08). */
export async function viewCertificate(deps: Deps, ctx: AuthedContext, id: string) {
  const out = await getCertificate(deps, ctx.actor, id);
  await deps.db.transaction().execute((trx) =>
    appendAudit(trx, deps, ctx, {
      action: 'certificates.view',
      entity: 'certificate',
      entityId: id,
      regionCode: out.regionCode,
      after: { serial: out.serial, fields: ['name', 'idNumber', 'phone'], masked: true },
    }),
  );
  return out;
}

/** What /verify/<code> shows: validity, issuing village, date, type and a masked name; nothing else. */
export async function verify(deps: Deps, code: string): Promise<Verification> {
  const c = /^[A-Za-z0-9_-]{20,64}$/.test(code) ? await repo.byVerificationCode(deps.db, code) : undefined;
  if (!c) throw new AppError('not_found', msg('certificates.error.notFound'));
  await repo.addEvent(deps.db, { certificateId: c.id, at: deps.clock.nowIso(), kind: 'verified', actor: null });
  return {
    valid: c.status === 'valid',
    status: c.status,
    serial: c.serial,
    type: c.itemName,
    village: { code: c.regionCode, name: c.regionName },
    issuedOn: c.issuedOn,
    holderName: c.holderNameMasked,
    revokedOn: c.revokedAt ? shanghaiDate(new Date(c.revokedAt)) : null,
  };
}
