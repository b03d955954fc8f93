import type { ReactNode } from 'react';
import { Form, Input, InputNumber, Radio } from 'antd';
import type { Translate } from '../../i18n/index.js';
import { CATALOG_HITS, PROVIDERS, SIGN_POSITIONS, type Category } from '../../../shared/campaigns.codes.js';
import type { AnyFields, FieldsOf } from './ledgers.api.js';

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
export function columnLabels(category: Category, t: Translate) {
  return {
    name: t(`ledgers.field.name.${category}`),
    imposedBy: t(`ledgers.field.imposedBy.${category}`),
    basis: t('ledgers.field.basis'),
    namePlaceholder: t(`ledgers.field.namePlaceholder.${category}`),
  };
}

const yesNo = (v: unknown, t: Translate) => (v ? t('common.yes') : t('common.no'));

/** One line summarising a row's category fields (for the table and the cards). */
export function fieldsSummary(category: Category, f: AnyFields, t: Translate): ReactNode {
  switch (category) {
    case 'sign':
      return f.position ? t(`campaigns.position.${f.position}`) : '';
    case 'mechanism':
      return [
        `${t('ledgers.field.dedicatedPost')}：${yesNo(f.dedicatedPost, t)}`,
        `${t('ledgers.field.staffByShort')}：${f.staffBy ? t(`campaigns.providerShort.${f.staffBy}`) : ''}`,
        `${t('ledgers.field.fundedByShort')}：${f.fundedBy ? t(`campaigns.providerShort.${f.fundedBy}`) : ''}`,
        `${t('ledgers.field.effectiveShort')}：${yesNo(f.effective, t)}`,
        `${t('ledgers.field.acceptShort')}：${yesNo(f.villagersAccept, t)}`,
      ].join('；');
    case 'work_affair':
      return [
        t(`campaigns.catalogHit.${f.catalogHit ?? 'auto'}`),
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
  width,
}: {
  category: Category;
  t: Translate;
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
  const providers = (
    <Radio.Group
      optionType="button"
      options={PROVIDERS.map((p) => ({
        value: p,
        label: t(`campaigns.providerShort.${p}`),
        title: t(`campaigns.provider.${p}`),
      }))}
    />
  );
  switch (category) {
    case 'sign':
      return item(
        'position',
        t('ledgers.field.position'),
        <Radio.Group
          optionType="button"
          size="middle"
          options={SIGN_POSITIONS.map((p) => ({ value: p, label: t(`campaigns.position.${p}`) }))}
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
          {item('staffBy', t('ledgers.field.staffBy'), providers, 300)}
          {item('fundedBy', t('ledgers.field.fundedBy'), providers, 300)}
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
                label: t(`campaigns.catalogHitShort.${k}`),
                title: t(`campaigns.catalogHit.${k}`),
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
