import { v7 } from 'uuid';
import crypto from 'node:crypto';

/** Time-ordered ids made in the app (UUIDv7 text), identical on both dialects. */
export const newId = (): string => v7();

/** An unguessable token (256 bits, base64url). */
export const newToken = (bytes = 32): string => crypto.randomBytes(bytes).toString('base64url');
