/**
 * Stored files (stored_file): uploads kept in the database, such as a catalog import's spreadsheet and
 * task evidence. No feature owns the table, so its one read and write live here for every feature.
 */
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

export interface NewFile {
  id: string;
  name: string;
  contentType: string;
  data: Buffer;
  createdBy: string | null;
  createdAt: string;
}

export interface StoredFile extends NewFile {
  size: number;
  sha256: string;
}

/** Stores a file (inside the caller's transaction when given one) with its size and SHA-256. */
export async function insertFile(db: Kysely<DB>, f: NewFile): Promise<StoredFile> {
  const stored = { ...f, size: f.data.length, sha256: crypto.createHash('sha256').update(f.data).digest('hex') };
  await db.insertInto('storedFile').values(stored).execute();
  return stored;
}

export async function fileById(db: Kysely<DB>, id: string): Promise<StoredFile | null> {
  const r = await db.selectFrom('storedFile').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? { ...r, data: Buffer.from(r.data) } : null;
}
