/**
 * Certificate templates: the layout of the printed text per certificate type. They carry no legal
 * wording of their own: the certified facts are what the cadre writes; the template only frames
 * them (title, holder line, facts, purpose, closing). One template per Shanxi positive-list item
 * code, and a generic one for everything else (including the deliberation path).
 */
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

const holderLine = (i: TemplateInput) => `${i.holderName}${i.idNumber ? `（公民身份号码：${i.idNumber}）` : ''}`;
const purposeLine = (i: TemplateInput) => `本证明仅用于${i.purpose}${i.demander ? `，出具给${i.demander}` : ''}。`;

const generic: Template = {
  code: 'generic',
  title: null,
  paragraphs: (i) => [`兹证明${holderLine(i)}：${i.facts}`, purposeLine(i), '特此证明。'],
};

const TEMPLATES: Record<string, Template> = {
  'SX-CERT-2023-01': {
    code: 'SX-CERT-2023-01',
    title: null,
    paragraphs: (i) => [`${holderLine(i)}到本村（社区）报到情况如下：${i.facts}`, purposeLine(i), '特此反馈。'],
  },
  'SX-CERT-2023-02': {
    code: 'SX-CERT-2023-02',
    title: null,
    paragraphs: (i) => [`经了解，${holderLine(i)}的有关情况如下：${i.facts}`, purposeLine(i), '特此证明。'],
  },
  'SX-CERT-2023-03': {
    code: 'SX-CERT-2023-03',
    title: null,
    paragraphs: (i) => [`兹证明${holderLine(i)}：${i.facts}`, purposeLine(i), '特此证明。'],
  },
  'SX-CERT-2023-04': {
    code: 'SX-CERT-2023-04',
    title: null,
    paragraphs: (i) => [`${holderLine(i)}在本村（社区）参加活动的情况如下：${i.facts}`, purposeLine(i), '特此反馈。'],
  },
};

export const templateFor = (itemCode: string | null): Template => (itemCode && TEMPLATES[itemCode]) || generic;

/** What the desk shows before issuing (placeholders in 【】). */
export function preview(itemCode: string | null, itemName: string) {
  const t = templateFor(itemCode);
  return {
    code: t.code,
    title: t.title ?? itemName,
    paragraphs: t.paragraphs({
      title: itemName,
      holderName: '【申请人姓名】',
      idNumber: '【公民身份号码】',
      facts: '【证明内容】',
      purpose: '【用途】',
      demander: '【要求出具单位】',
    }),
  };
}
