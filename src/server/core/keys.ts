/**
 * Keys (issue 14, H2): never a constant. The data secret (field encryption, blind indexes, backups)
 * comes from JIANFU_SECRET or from a key file; the audit keys (HMAC-SM3 of the audit chain) always come
 * from the key file, separate from the data key, each with an id. A first start without a key file
 * generates one beside the database (mode 0600) and says so once. A key check value per key is kept in
 * the database, so a missing or changed key is refused at start instead of writing data no one can read.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import * as repo from './keys.repo.js';
import type { DB } from '../db/schema.js';
import { FieldCipher, IntegrityError, keyCheckValue } from './crypto.js';

export const KEY_FILE_FORMAT = 'jianfu-keys/1';

export interface KeyRing {
  /** Secret of field encryption, blind indexes and backups. */
  dataSecret: string;
  dataSource: 'env' | 'file' | 'memory';
  audit: { current: string; keys: Map<string, Buffer> };
  /** The key file, or null when the keys live in memory only. */
  file: string | null;
}

interface KeyFile {
  format: string;
  createdAt: string;
  dataSecret?: string;
  audit: { current: string; keys: { id: string; key: string; createdAt: string }[] };
}

/** Refusal to start with keys that do not fit the database (Chinese first, then English). */
export class KeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeyError';
  }
}

const newAuditKeyId = (now: string) =>
  `a${now.slice(0, 10).replace(/-/g, '')}-${crypto.randomBytes(3).toString('hex')}`;
const newSecret = () => crypto.randomBytes(32).toString('base64');

/** A key ring for tests and in-memory databases: random unless seeded. */
export function memoryKeyRing(seed?: string): KeyRing {
  const material = (label: string) =>
    seed ? crypto.createHash('sm3').update(`${seed}:${label}`).digest() : crypto.randomBytes(32);
  const id = seed ? 'a-test-1' : newAuditKeyId(new Date().toISOString());
  return {
    dataSecret: material('data').toString('base64'),
    dataSource: 'memory',
    audit: { current: id, keys: new Map([[id, material('audit')]]) },
    file: null,
  };
}

function parseKeyFile(file: string): KeyFile {
  let parsed: KeyFile;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as KeyFile;
  } catch (err) {
    throw new KeyError(`密钥文件无法读取：${file}（${(err as Error).message}） / key file unreadable`);
  }
  if (
    parsed?.format !== KEY_FILE_FORMAT ||
    !parsed.audit ||
    !Array.isArray(parsed.audit.keys) ||
    !parsed.audit.keys.some((k) => k.id === parsed.audit.current)
  )
    throw new KeyError(`密钥文件格式不正确：${file} / key file has an unknown format`);
  return parsed;
}

function ringOf(f: KeyFile, file: string, envSecret: string | null): KeyRing {
  const dataSecret = envSecret ?? f.dataSecret;
  if (!dataSecret)
    throw new KeyError(
      `密钥文件 ${file} 中没有数据密钥，也未设置 JIANFU_SECRET / the key file has no data secret and JIANFU_SECRET is not set`,
    );
  return {
    dataSecret,
    dataSource: envSecret ? 'env' : 'file',
    audit: {
      current: f.audit.current,
      keys: new Map(f.audit.keys.map((k) => [k.id, Buffer.from(k.key, 'base64')])),
    },
    file,
  };
}

/** Reads a key file without touching any database (verifiers, tests). */
export function readKeyRing(opts: { file: string | null; secret: string | null }): KeyRing {
  if (!opts.file || !fs.existsSync(opts.file))
    throw new KeyError(`密钥文件不存在：${opts.file ?? '(未配置)'} / key file not found`);
  return ringOf(parseKeyFile(opts.file), opts.file, opts.secret);
}

/** Writes the key file atomically with mode 0600 (never readable by other users). */
function writeKeyFile(file: string, f: KeyFile, opts: { create: boolean }) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, `${JSON.stringify(f, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  fs.chmodSync(tmp, 0o600);
  if (opts.create && fs.existsSync(file)) {
    fs.rmSync(tmp, { force: true });
    throw new KeyError(`密钥文件已存在：${file} / key file already exists`);
  }
  fs.renameSync(tmp, file);
}

/** Columns holding sealed personal data (the start-up check opens one value of each with the key). */
const SEALED_COLUMNS = [
  { table: 'certificate', column: 'holder_name_enc' },
  { table: 'certificate', column: 'id_number_enc' },
  { table: 'app_user', column: 'totp_secret_enc' },
] as const;

const dataKcv = (secret: string) => keyCheckValue(`data:${secret}`);

/**
 * Compares the key ring with the key check values in the database and registers new keys. Throws
 * KeyError for a changed data key, a data key that cannot open existing sealed data, or a missing or
 * changed audit key.
 */
export async function checkKeys(db: Kysely<DB>, ring: KeyRing, now: string): Promise<void> {
  const rows = await repo.keyChecks(db);
  const data = rows.find((r) => r.purpose === 'data');
  const kcv = dataKcv(ring.dataSecret);
  if (data && data.kcv !== kcv)
    throw new KeyError(
      '数据密钥与数据库不符：数据库中的个人信息是用另一个密钥加密的。请恢复原来的密钥文件或 JIANFU_SECRET 后再启动。\n' +
        'The data key does not match this database: its personal data was encrypted with another key. Restore the original key file or JIANFU_SECRET.',
    );
  if (!data) {
    const cipher = new FieldCipher(ring.dataSecret);
    for (const { table, column } of SEALED_COLUMNS) {
      const sample = await repo.sealedSample(db, table, column);
      if (!sample) continue;
      try {
        cipher.decrypt(sample.v, { table, column, row: sample.id });
      } catch (err) {
        if (!(err instanceof IntegrityError)) throw err;
        throw new KeyError(
          '数据库中已有加密数据，但当前密钥无法解密（可能是旧版本的公开默认密钥或密钥已更换）。请设置原来的 JIANFU_SECRET 或恢复原来的密钥文件；演示数据库可删除后重建。\n' +
            'This database holds encrypted data the current key cannot open (the former public default key, or a changed key). Set the original JIANFU_SECRET or restore the key file; a demo database can be deleted and recreated.',
        );
      }
    }
    await repo.insertKeyCheck(db, { purpose: 'data', keyId: 'data', kcv, createdAt: now });
  }
  for (const r of rows.filter((x) => x.purpose === 'audit')) {
    const key = ring.audit.keys.get(r.keyId);
    if (!key)
      throw new KeyError(
        `审计密钥 ${r.keyId} 缺失：审计记录无法校验。请恢复包含该密钥的密钥文件。\nAudit key ${r.keyId} is missing from the key file; restore it.`,
      );
    if (keyCheckValue(key) !== r.kcv)
      throw new KeyError(
        `审计密钥 ${r.keyId} 与数据库不符，请恢复原来的密钥文件。\nAudit key ${r.keyId} does not match this database; restore the original key file.`,
      );
  }
  if (!rows.some((r) => r.purpose === 'audit' && r.keyId === ring.audit.current))
    await repo.insertKeyCheck(db, {
      purpose: 'audit',
      keyId: ring.audit.current,
      kcv: keyCheckValue(ring.audit.keys.get(ring.audit.current)!),
      createdAt: now,
    });
}

/**
 * Opens the key ring of a deployment: reads the key file, or on a database that has never seen a key
 * generates one (returned as `created`, to be announced once). Refuses to generate keys for a database
 * that already registered keys (the file was lost or moved).
 */
export async function openKeyRing(
  db: Kysely<DB>,
  opts: { file: string | null; secret: string | null; now: string },
): Promise<{ ring: KeyRing; created: string | null }> {
  const { file, secret, now } = opts;
  if (file && fs.existsSync(file)) {
    const ring = ringOf(parseKeyFile(file), file, secret);
    await checkKeys(db, ring, now);
    return { ring, created: null };
  }
  const registered = await repo.anyKeyCheck(db);
  if (registered && file)
    throw new KeyError(
      `密钥文件缺失：${file}。该数据库已有用密钥保护的数据，不能生成新密钥。请恢复密钥文件（或用 JIANFU_KEY_FILE 指向它）后再启动。\n` +
        `Key file missing: ${file}. This database already holds data protected by its keys; restore the key file (or point JIANFU_KEY_FILE at it).`,
    );
  if (!file) {
    const ring = memoryKeyRing();
    if (secret) Object.assign(ring, { dataSecret: secret, dataSource: 'env' as const });
    await checkKeys(db, ring, now);
    return { ring, created: null };
  }
  const id = newAuditKeyId(now);
  const content: KeyFile = {
    format: KEY_FILE_FORMAT,
    createdAt: now,
    ...(secret ? {} : { dataSecret: newSecret() }),
    audit: { current: id, keys: [{ id, key: newSecret(), createdAt: now }] },
  };
  const ring = ringOf(content, file, secret);
  await checkKeys(db, ring, now);
  writeKeyFile(file, content, { create: true });
  return { ring, created: file };
}

/**
 * Adds a new audit key to the key file and makes it current (key rotation). Rows already written keep
 * their key id and verify under the old key, which stays in the file. Takes effect at the next start.
 */
export function rotateAuditKey(file: string, now: string): { id: string; previous: string } {
  const f = parseKeyFile(file);
  const id = newAuditKeyId(now);
  const previous = f.audit.current;
  f.audit.keys.push({ id, key: newSecret(), createdAt: now });
  f.audit.current = id;
  fs.rmSync(`${file}.tmp-${process.pid}`, { force: true });
  writeKeyFile(file, f, { create: false });
  return { id, previous };
}
