/**
 * The register as a spreadsheet (masked personal data, like every list). Headers, codes and the file
 * name are Chinese, from the locale tables.
 */
import { zh, type MessageKey } from '../../../shared/i18n.js';
import type { Certificate } from '../../../shared/certificates.js';
import type { SheetColumn, SheetSpec } from '../../core/spreadsheets.js';

type Header<K = MessageKey> = K extends `certificates.export.${infer C}` ? C : never;
const column = (name: Header, width: number, value: SheetColumn<Certificate>['value']): SheetColumn<Certificate> => ({
  header: zh(`certificates.export.${name}`),
  width,
  value,
});

export const registerSheet = (rows: AsyncIterable<Certificate>): SheetSpec<Certificate> => ({
  name: zh('certificates.export.sheet'),
  rows,
  columns: [
    column('serial', 24, (c) => c.serial),
    column('village', 16, (c) => c.regionName),
    column('item', 30, (c) => c.itemName),
    column('path', 16, (c) => zh(`certificates.path.${c.path}`)),
    column('holder', 10, (c) => c.holderName),
    column('idNumber', 22, (c) => c.idNumber),
    column('phone', 14, (c) => c.phone),
    column('purpose', 24, (c) => c.purpose),
    column('demander', 20, (c) => c.demander),
    column('basis', 30, (c) => c.basis),
    column('signer', 10, (c) => c.signerName),
    column('issuedBy', 14, (c) => c.issuedByName),
    column('issuedOn', 12, (c) => c.issuedOn),
    column('status', 8, (c) => zh(`certificates.status.${c.status}`)),
    column('revokeReason', 24, (c) => c.revokeReason),
  ],
});

/** 证明开具台账-2026-12-07.xlsx */
export const registerFileName = (day: string) => zh('certificates.export.file', { date: day });
