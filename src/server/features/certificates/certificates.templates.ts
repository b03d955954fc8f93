/**
 * Certificate templates: the layout of the printed text per certificate type. They carry no legal
 * wording of their own: the certified facts are what the cadre writes; the template only frames
 * them (title, holder line, facts, purpose, closing). One template per Shanxi positive-list item
 * code, and a generic one for everything else (including the deliberation path). The printed text is
 * Chinese, from the locale tables (`certificates.template.*`).
 */
import { zh } from '../../../shared/i18n.js';

export interface TemplateInput {
  title: string;
  holderName: string;
  idNumber: string | null;
  facts: string;
  purpose: string;
  demander: string | null;
}

export interface Template {
  code: string;
  /** The printed title; null → the item's own name. */
  title: string | null;
  paragraphs(i: TemplateInput): string[];
}

const holderLine = (i: TemplateInput) =>
  i.idNumber ? zh('certificates.template.holderWithId', { name: i.holderName, id: i.idNumber }) : i.holderName;
const purposeLine = (i: TemplateInput) =>
  i.demander
    ? zh('certificates.template.purposeFor', { purpose: i.purpose, demander: i.demander })
    : zh('certificates.template.purpose', { purpose: i.purpose });

/** A template: an opening that frames the facts, the purpose, and a closing. */
const framed = (
  code: string,
  opening: 'certify' | 'reported' | 'learned' | 'activities',
  closing: 'closeCertify' | 'closeReport',
): Template => ({
  code,
  title: null,
  paragraphs: (i) => [
    zh(`certificates.template.${opening}`, { holder: holderLine(i), facts: i.facts }),
    purposeLine(i),
    zh(`certificates.template.${closing}`),
  ],
});

const generic = framed('generic', 'certify', 'closeCertify');

const TEMPLATES: Record<string, Template> = Object.fromEntries(
  [
    framed('SX-CERT-2023-01', 'reported', 'closeReport'),
    framed('SX-CERT-2023-02', 'learned', 'closeCertify'),
    framed('SX-CERT-2023-03', 'certify', 'closeCertify'),
    framed('SX-CERT-2023-04', 'activities', 'closeReport'),
  ].map((t) => [t.code, t]),
);

export const templateFor = (itemCode: string | null): Template => (itemCode && TEMPLATES[itemCode]) || generic;

const ph = (k: 'holderName' | 'idNumber' | 'facts' | 'purpose' | 'demander') =>
  zh(`certificates.template.placeholder.${k}`);

/** What the desk shows before issuing (placeholders in 【】). */
export function preview(itemCode: string | null, itemName: string) {
  const t = templateFor(itemCode);
  return {
    code: t.code,
    title: t.title ?? itemName,
    paragraphs: t.paragraphs({
      title: itemName,
      holderName: ph('holderName'),
      idNumber: ph('idNumber'),
      facts: ph('facts'),
      purpose: ph('purpose'),
      demander: ph('demander'),
    }),
  };
}

/** The date as printed: 2026年12月7日. */
export const printedDate = (d: string) =>
  zh('certificates.template.date', { year: d.slice(0, 4), month: Number(d.slice(5, 7)), day: Number(d.slice(8, 10)) });
