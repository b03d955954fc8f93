/**
 * The sealed backup format (format 2): SM4-CTR encryption and HMAC-SM3 of the file and of its manifest,
 * under keys derived from the data secret, and the checks a restore runs before it decrypts anything.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { sameText, type FileSealer } from './crypto.js';

export const BACKUP_FORMAT = 'jianfu-sqlite-backup/2';
const FORMAT_1 = 'jianfu-sqlite-backup/1';

export interface TableChecksum {
  table: string;
  rows: number;
  /** SM3 over the rows in primary-key order (each row: JSON array of its values, columns sorted by name). */
  sm3: string;
}

export interface BackupManifest {
  format: string;
  createdAt: string;
  /** Size of the database (decrypted). */
  bytes: number;
  /** SM3 of the decrypted database's bytes. */
  fileSm3: string;
  integrity: string;
  tables: TableChecksum[];
  encryption: {
    cipher: 'sm4-ctr';
    mac: 'hmac-sm3';
    /** IV of the encryption (hex). */
    iv: string;
    /** Key check value: tells a wrong key from a changed file. */
    keyCheck: string;
    /** Size of the encrypted file and its HMAC-SM3 (over the IV and the ciphertext). */
    cipherBytes: number;
    cipherMac: string;
  };
  /** HMAC-SM3 of the manifest without this field. */
  mac: string;
}

/** Thrown for every refusal; the CLIs print the message (Chinese first, then English). */
export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

export const manifestPathOf = (file: string) => `${file}.manifest.json`;

/** SM3 of a file's bytes (streamed). */
export async function fileSm3(file: string): Promise<string> {
  const hash = crypto.createHash('sm3');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export const manifestMac = (sealer: FileSealer, body: Omit<BackupManifest, 'mac'>) =>
  sealer
    .hmac()
    .update(JSON.stringify(['jianfu-backup-manifest', body]))
    .digest('hex');

/** Encrypts a file (SM4-CTR) and returns the HMAC-SM3 over the format, IV and ciphertext. */
export async function encryptFile(plainFile: string, out: string, sealer: FileSealer, iv: Buffer): Promise<string> {
  const mac = sealer.hmac().update(BACKUP_FORMAT).update(iv);
  const tap = new Transform({
    transform(chunk: Buffer, _enc, done) {
      mac.update(chunk);
      done(null, chunk);
    },
  });
  await pipeline(fs.createReadStream(plainFile), sealer.cipher(iv), tap, fs.createWriteStream(out, { mode: 0o600 }));
  return mac.digest('hex');
}

/** HMAC-SM3 over the format, IV and an encrypted file's bytes (streamed). */
async function cipherMacOf(file: string, sealer: FileSealer, iv: Buffer): Promise<string> {
  const mac = sealer.hmac().update(BACKUP_FORMAT).update(iv);
  for await (const chunk of fs.createReadStream(file)) mac.update(chunk as Buffer);
  return mac.digest('hex');
}

/**
 * Reads and checks a backup's manifest and MACs, then decrypts the backup into `out` (a plain SQLite
 * file the caller deletes). Refuses, in this order: no manifest, an unreadable or plain (format 1)
 * manifest, another key, a changed manifest, a changed or truncated file.
 */
export async function openBackup(backupFile: string, sealer: FileSealer, out: string): Promise<BackupManifest> {
  const source = path.resolve(backupFile);
  if (!fs.existsSync(source)) throw new BackupError(`备份文件不存在：${source} / backup file not found`);
  const manifestFile = manifestPathOf(source);
  if (!fs.existsSync(manifestFile))
    throw new BackupError(
      `备份文件校验失败：缺少清单文件 ${manifestFile}，拒绝恢复 / backup verification failed: the manifest is missing`,
    );
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as BackupManifest;
  } catch {
    throw new BackupError('备份文件校验失败：清单文件无法读取 / backup verification failed: unreadable manifest');
  }
  if (manifest?.format === FORMAT_1)
    throw new BackupError(
      '备份文件校验失败：这是旧版未加密备份（格式 1），不能恢复；请用当前版本重新备份 / a plain format-1 backup is refused',
    );
  if (manifest?.format !== BACKUP_FORMAT || !manifest.encryption || typeof manifest.mac !== 'string')
    throw new BackupError(`备份文件校验失败：不支持的格式 ${String(manifest?.format)} / unsupported backup format`);
  if (manifest.encryption.keyCheck !== sealer.kcv)
    throw new BackupError(
      '备份文件校验失败：密钥不符（该备份由另一个密钥加密） / backup verification failed: wrong key',
    );
  const { mac, ...body } = manifest;
  if (!sameText(manifestMac(sealer, body), mac))
    throw new BackupError('备份文件校验失败：清单被改动 / backup verification failed: manifest MAC mismatch');
  const iv = Buffer.from(manifest.encryption.iv, 'hex');
  if (
    fs.statSync(source).size !== manifest.encryption.cipherBytes ||
    !sameText(await cipherMacOf(source, sealer, iv), manifest.encryption.cipherMac)
  )
    throw new BackupError(
      '备份文件校验失败：文件内容与清单不符（文件损坏或被改动） / backup verification failed: file MAC mismatch',
    );
  await pipeline(fs.createReadStream(source), sealer.decipher(iv), fs.createWriteStream(out, { mode: 0o600 }));
  if ((await fileSm3(out)) !== manifest.fileSm3)
    throw new BackupError('备份文件校验失败：解密后的 SM3 与清单不符 / backup verification failed: SM3 mismatch');
  return manifest;
}
