import crypto from 'node:crypto';

/** SM3 hash (GB/T 32905) as hex; Node's OpenSSL 3 provides it. */
export const sm3 = (data: string | Buffer): string => crypto.createHash('sm3').update(data).digest('hex');

/** HMAC-SM3 as hex. */
export const hmacSm3 = (key: string | Buffer, data: string | Buffer): string =>
  crypto.createHmac('sm3', key).update(data).digest('hex');

/** Constant-time comparison of two hex (or any) strings. */
export function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

/** Where a sealed value lives: the MAC binds it to its table, row and column, so it cannot be moved. */
export interface Binding {
  table: string;
  column: string;
  row: string;
}

/** A sealed value failed its MAC: changed in the database, or moved from another row or column. */
export class IntegrityError extends Error {
  constructor(message = '数据完整性校验失败 / integrity check failed') {
    super(message);
    this.name = 'IntegrityError';
  }
}

const V1 = 'sm4cbc1:';
const V2 = 'sm4hm2:';

/** Length-prefixed concatenation, so that no two different field lists MAC the same bytes. */
function framed(parts: (string | Buffer)[]): Buffer {
  const out: Buffer[] = [];
  for (const p of parts) {
    const b = typeof p === 'string' ? Buffer.from(p, 'utf8') : p;
    const len = Buffer.alloc(4);
    len.writeUInt32BE(b.length);
    out.push(len, b);
  }
  return Buffer.concat(out);
}

/**
 * Field encryption. Format 2 (`sm4hm2:`): SM4-CTR under an encryption key, then HMAC-SM3 under a
 * separate MAC key over the format, table, column, row id, IV and ciphertext (encrypt-then-MAC): a
 * ciphertext copied to another row or column, or changed in place, fails to open. Format 1
 * (`sm4cbc1:`, SM4-CBC without a MAC) is still read, so existing rows keep working; new writes are
 * always format 2. Both formats key off the same data secret, so no re-encryption is needed.
 */
export class FieldCipher {
  private readonly legacyKey: Buffer;
  private readonly encKey: Buffer;
  private readonly macKey: Buffer;
  private readonly indexKey: Buffer;
  constructor(secret: string) {
    this.legacyKey = Buffer.from(hmacSm3(secret, 'jianfu-field-encryption-v1'), 'hex').subarray(0, 16);
    this.encKey = Buffer.from(hmacSm3(secret, 'jianfu-field-encryption-v2'), 'hex').subarray(0, 16);
    this.macKey = Buffer.from(hmacSm3(secret, 'jianfu-field-mac-v2'), 'hex');
    this.indexKey = Buffer.from(hmacSm3(secret, 'jianfu-blind-index-v1'), 'hex');
  }

  private mac(b: Binding, iv: Buffer, ct: Buffer): Buffer {
    return crypto
      .createHmac('sm3', this.macKey)
      .update(framed([V2, b.table, b.column, b.row, iv, ct]))
      .digest();
  }

  encrypt(plain: string, binding: Binding): string {
    const iv = crypto.randomBytes(16);
    const c = crypto.createCipheriv('sm4-ctr', this.encKey, iv);
    const ct = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
    return `${V2}${Buffer.concat([iv, ct, this.mac(binding, iv, ct)]).toString('base64')}`;
  }

  /** Opens a sealed value; throws IntegrityError when its MAC does not fit this table, row and column. */
  decrypt(token: string, binding: Binding): string {
    if (token.startsWith(V2)) {
      const raw = Buffer.from(token.slice(V2.length), 'base64');
      if (raw.length < 48) throw new IntegrityError();
      const iv = raw.subarray(0, 16);
      const ct = raw.subarray(16, raw.length - 32);
      const tag = raw.subarray(raw.length - 32);
      if (!crypto.timingSafeEqual(tag, this.mac(binding, iv, ct))) throw new IntegrityError();
      const d = crypto.createDecipheriv('sm4-ctr', this.encKey, iv);
      return Buffer.concat([d.update(ct), d.final()]).toString('utf8');
    }
    if (token.startsWith(V1)) {
      const raw = Buffer.from(token.slice(V1.length), 'base64');
      const d = crypto.createDecipheriv('sm4-cbc', this.legacyKey, raw.subarray(0, 16));
      try {
        return Buffer.concat([d.update(raw.subarray(16)), d.final()]).toString('utf8');
      } catch {
        throw new IntegrityError();
      }
    }
    throw new IntegrityError('未知的加密格式 / unknown cipher scheme');
  }

  /** Deterministic keyed hash for exact-match search over encrypted values. */
  blindIndex(value: string): string {
    return hmacSm3(this.indexKey, value.trim().toUpperCase());
  }

  /** Keyed hash of a secret the app only compares (recovery codes). */
  keyedHash(purpose: string, value: string): string {
    return hmacSm3(this.indexKey, `${purpose}\u0000${value}`);
  }
}

/**
 * Encrypt-then-MAC for whole files (backups): SM4-CTR and HMAC-SM3 with keys derived from the data
 * secret, separate from the field keys.
 */
export class FileSealer {
  readonly encKey: Buffer;
  readonly macKey: Buffer;
  /** Key check value: tells "wrong key" apart from "changed file". */
  readonly kcv: string;
  constructor(secret: string) {
    this.encKey = Buffer.from(hmacSm3(secret, 'jianfu-backup-encryption-v1'), 'hex').subarray(0, 16);
    this.macKey = Buffer.from(hmacSm3(secret, 'jianfu-backup-mac-v1'), 'hex');
    this.kcv = hmacSm3(this.macKey, 'jianfu-key-check').slice(0, 16);
  }
  cipher(iv: Buffer) {
    return crypto.createCipheriv('sm4-ctr', this.encKey, iv);
  }
  decipher(iv: Buffer) {
    return crypto.createDecipheriv('sm4-ctr', this.encKey, iv);
  }
  hmac() {
    return crypto.createHmac('sm3', this.macKey);
  }
}

/** Key check value of a key: a short MAC of a fixed text, stored to detect a missing or changed key. */
export const keyCheckValue = (key: string | Buffer) => hmacSm3(key, 'jianfu-key-check').slice(0, 16);
