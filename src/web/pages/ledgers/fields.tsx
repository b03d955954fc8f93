import type { ReactNode } from 'react';
import { Form, Input, InputNumber, Radio } from 'antd';
import type { MessageKey, Translate } from '../../i18n/index.js';
import {
  CATALOG_HIT_LABELS,
  CATALOG_HITS,
  PROVIDER_LABELS,
  PROVIDER_SHORT,
  PROVIDERS,
  SIGN_POSITION_LABELS,
  SIGN_POSITIONS,
  type CatalogHit,
  type Category,
  type Provider,
  type SignPosition,
} from '../campaigns/campaigns.labels.js';
import type { AnyFields, FieldsOf } from './ledgers.api.js';

type Lbl = (l: { zh: string; en: string } | undefined, fallback?: string) => string;

/** What a new row of each category starts with (the usual answer, so most rows need no clicks). */
export function defaultFields<C extends Category>(category: C): FieldsOf[C] {
  const d: { [K in Category]: FieldsOf[K] } = {
    sign: { position: 'outside' },
    mechanism: {
      dedicatedPost: false,
      staffBy: 'village',
      fundedBy: 'village',
      effective: true,
      villagersAccept: true,
    },
    work_affair: { catalogHit: null, funding: '', formsRequired: 0, approvalRef: '' },
    certificate: { volumeLastYear: 0 },
  };
  return d[category];
}

/** The category's own fields of a row, as the API expects them (from the form's loose values). */
export function cleanFields(category: Category, f: AnyFields): AnyFields {
  const d = defaultFields(category) as AnyFields;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(d) as (keyof AnyFields)[]) {
    let v = f[k] ?? d[k];
    if (k === 'catalogHit' && (v as unknown) === 'auto') v = null as never;
    if ((k === 'formsRequired' || k === 'volumeLastYear') && (v === null || v === undefined || Number.isNaN(Number(v))))
      v = 0 as never;
    if ((k === 'funding' || k === 'approvalRef') && typeof v === 'string') v = v.trim() as never;
    out[k] = v;
  }
  return out as AnyFields;
}

/** The labels of the common columns, which differ by category (board text, issuing body…). */
const NAME_KEYS: Record<Category, MessageKey> = {
  sign: 'ledgers.field.name.sign',
  mechanism: 'ledgers.field.name.mechanism',
  work_affair: 'ledgers.field.name.work_affair',
  certificate: 'ledgers.field.name.certificate',
};
const BY_KEYS: Record<Category, MessageKey> = {
  sign: 'ledgers.field.imposedBy.sign',
  mechanism: 'ledgers.field.imposedBy.mechanism',
  work_affair: 'ledgers.field.imposedBy.work_affair',
  certificate: 'ledgers.field.imposedBy.certificate',
};
const NAME_HINT_KEYS: Record<Category, MessageKey> = {
  sign: 'ledgers.field.namePlaceholder.sign',
  mechanism: 'ledgers.field.namePlaceholder.mechanism',
  work_affair: 'ledgers.field.namePlaceholder.work_affair',
  certificate: 'ledgers.field.namePlaceholder.certificate',
};

export function columnLabels(category: Category, t: Translate) {
  return {
    name: t(NAME_KEYS[category]),
    imposedBy: t(BY_KEYS[category]),
    basis: t('ledgers.field.basis'),
    namePlaceholder: t(NAME_HINT_KEYS[category]),
  };
}

const CATALOG_HIT_SHORT: Record<CatalogHit | 'auto', { zh: string; en: string }> = {
  auto: { zh: '自动匹配', en: 'Auto' },
  duty: { zh: '履职事项', en: 'Duty' },
  assistance: { zh: '协助事项', en: 'Assistance' },
  none: { zh: '目录外', en: 'Outside' },
};

const yesNo = (v: unknown, t: Translate) => (v ? t('common.yes') : t('common.no'));

/** One line summarising a row's category fields (for the table and the cards). */
export function fieldsSummary(category: Category, f: AnyFields, t: Translate, label: Lbl): ReactNode {
  switch (category) {
    case 'sign':
      return label(SIGN_POSITION_LABELS[f.position as SignPosition], f.position);
    case 'mechanism':
      return [
        `${t('ledgers.field.dedicatedPost')}：${yesNo(f.dedicatedPost, t)}`,
        `${t('ledgers.field.staffByShort')}：${label(PROVIDER_SHORT[f.staffBy as Provider], f.staffBy)}`,
        `${t('ledgers.field.fundedByShort')}：${label(PROVIDER_SHORT[f.fundedBy as Provider], f.fundedBy)}`,
        `${t('ledgers.field.effectiveShort')}：${yesNo(f.effective, t)}`,
        `${t('ledgers.field.acceptShort')}：${yesNo(f.villagersAccept, t)}`,
      ].join('；');
    case 'work_affair':
      return [
        label(CATALOG_HIT_LABELS[(f.catalogHit ?? 'auto') as CatalogHit | 'auto']),
        f.funding ? `${t('ledgers.field.funding')}：${f.funding}` : t('ledgers.field.noFunding'),
        f.formsRequired ? t('ledgers.field.formsN', { n: f.formsRequired }) : null,
        f.approvalRef ? `${t('ledgers.field.approvalRef')}：${f.approvalRef}` : null,
      ]
        .filter(Boolean)
        .join('；');
    case 'certificate':
      return t('ledgers.field.volumeN', { n: f.volumeLastYear ?? 0 });
  }
}

const yesNoOptions = (t: Translate) => [
  { value: true, label: t('common.yes') },
  { value: false, label: t('common.no') },
];

/**
 * The category's own inputs inside the row form (names under `fields`). Radio groups rather than
 * selects: one Tab stop each, arrow keys change the answer, and Enter still adds the row.
 */
export function CategoryFieldInputs({
  category,
  t,
  label,
  width,
}: {
  category: Category;
  t: Translate;
  label: Lbl;
  width: (w: number) => number | string;
}) {
  const item = (name: string, text: string, node: ReactNode, w: number, extra?: string) => (
    <Form.Item
      key={name}
      name={['fields', name]}
      label={text}
      style={{ width: width(w), marginBottom: 8 }}
      extra={extra}
    >
      {node}
    </Form.Item>
  );
  switch (category) {
    case 'sign':
      return item(
        'position',
        t('ledgers.field.position'),
        <Radio.Group
          optionType="button"
          size="middle"
          options={SIGN_POSITIONS.map((p) => ({ value: p, label: label(SIGN_POSITION_LABELS[p]) }))}
        />,
        300,
      );
    case 'mechanism':
      return (
        <>
          {item(
            'dedicatedPost',
            t('ledgers.field.dedicatedPost'),
            <Radio.Group optionType="button" options={yesNoOptions(t)} />,
            110,
          )}
          {item(
            'staffBy',
            t('ledgers.field.staffBy'),
            <Radio.Group
              optionType="button"
              options={PROVIDERS.map((p) => ({
                value: p,
                label: label(PROVIDER_SHORT[p]),
                title: label(PROVIDER_LABELS[p]),
              }))}
            />,
            300,
          )}
          {item(
            'fundedBy',
            t('ledgers.field.fundedBy'),
            <Radio.Group
              optionType="button"
              options={PROVIDERS.map((p) => ({
                value: p,
                label: label(PROVIDER_SHORT[p]),
                title: label(PROVIDER_LABELS[p]),
              }))}
            />,
            300,
          )}
          {item(
            'effective',
            t('ledgers.field.effective'),
            <Radio.Group optionType="button" options={yesNoOptions(t)} />,
            130,
          )}
          {item(
            'villagersAccept',
            t('ledgers.field.villagersAccept'),
            <Radio.Group optionType="button" options={yesNoOptions(t)} />,
            130,
          )}
        </>
      );
    case 'work_affair':
      return (
        <>
          {item(
            'catalogHit',
            t('ledgers.field.catalogHit'),
            <Radio.Group
              optionType="button"
              options={(['auto', ...CATALOG_HITS] as const).map((k) => ({
                value: k,
                label: label(CATALOG_HIT_SHORT[k]),
                title: label(CATALOG_HIT_LABELS[k]),
              }))}
            />,
            360,
          )}
          {item(
            'funding',
            t('ledgers.field.funding'),
            <Input maxLength={200} placeholder={t('ledgers.field.fundingPlaceholder')} />,
            200,
          )}
          {item(
            'formsRequired',
            t('ledgers.field.formsRequired'),
            <InputNumber min={0} max={1000} precision={0} style={{ width: '100%' }} />,
            110,
          )}
          {item(
            'approvalRef',
            t('ledgers.field.approvalRef'),
            <Input maxLength={100} placeholder={t('ledgers.field.approvalRefPlaceholder')} />,
            170,
          )}
        </>
      );
    case 'certificate':
      return item(
        'volumeLastYear',
        t('ledgers.field.volumeLastYear'),
        <InputNumber min={0} max={10_000_000} precision={0} style={{ width: '100%' }} />,
        130,
      );
  }
}
