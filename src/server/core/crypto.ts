import crypto from 'node:crypto';

/** SM3 hash (GB/T 32905) as hex; Node's OpenSSL 3 provides it. */
export const sm3 = (data: string | Buffer): string => crypto.createHash('sm3').update(data).digest('hex');

/** HMAC-SM3 as hex. */
export const hmacSm3 = (key: string | Buffer, data: string | Buffer): string =>
  crypto.createHmac('sm3', key).update(data).digest('hex');

/**
 * SM4-CBC field encryption with a key derived from the configured secret. Output: base64 of
 * iv(16) || ciphertext, prefixed with the scheme so the algorithm can be upgraded later.
 */
export class FieldCipher {
  private readonly key: Buffer;
  private readonly indexKey: Buffer;
  constructor(secret: string) {
    this.key = Buffer.from(hmacSm3(secret, 'jianfu-field-encryption-v1'), 'hex').subarray(0, 16);
    this.indexKey = Buffer.from(hmacSm3(secret, 'jianfu-blind-index-v1'), 'hex');
  }
  encrypt(plain: string): string {
    const iv = crypto.randomBytes(16);
    const c = crypto.createCipheriv('sm4-cbc', this.key, iv);
    return `sm4cbc1:${Buffer.concat([iv, c.update(plain, 'utf8'), c.final()]).toString('base64')}`;
  }
  decrypt(token: string): string {
    if (!token.startsWith('sm4cbc1:')) throw new Error('unknown cipher scheme');
    const raw = Buffer.from(token.slice(8), 'base64');
    const d = crypto.createDecipheriv('sm4-cbc', this.key, raw.subarray(0, 16));
    return Buffer.concat([d.update(raw.subarray(16)), d.final()]).toString('utf8');
  }
  /** Deterministic keyed hash for exact-match search over encrypted values. */
  blindIndex(value: string): string {
    return hmacSm3(this.indexKey, value.trim().toUpperCase());
  }
}
