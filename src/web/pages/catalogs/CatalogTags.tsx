import type { CSSProperties, ReactNode } from 'react';
import { Flex, Tag, Tooltip, Typography } from 'antd';
import { LinkOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import {
  CATALOG_KINDS,
  HTTP_URL,
  type AdjustmentOperation,
  type AdjustmentStatus,
  type CatalogKind,
  type CatalogLayer,
} from '../../../shared/catalogs.enums.js';
import { useI18n, type Translate } from '../../i18n/index.js';

const LAYER_COLORS: Record<CatalogLayer, string> = {
  national: 'red',
  provincial: 'volcano',
  other_province: 'default',
  other_locality: 'default',
  district: 'blue',
  township: 'cyan',
};
const OPERATION_COLORS: Record<AdjustmentOperation, string> = {
  add: 'green',
  amend: 'blue',
  withdraw: 'red',
  adopt: 'purple',
  unadopt: 'orange',
};
const STATUS_COLORS: Record<AdjustmentStatus, string> = {
  draft: 'default',
  submitted: 'processing',
  approved: 'success',
  rejected: 'error',
  cancelled: 'default',
};

/** Select options grouped by kind, in the pages' kind order (kinds without options left out). */
export function byKind<T extends { kind: CatalogKind }>(
  t: Translate,
  list: T[],
  option: (x: T) => { value: string; search: string; label: ReactNode },
) {
  return CATALOG_KINDS.map((k) => ({
    label: t(`catalogs.kind.${k}`),
    options: list.filter((x) => x.kind === k).map(option),
  })).filter((g) => g.options.length);
}

/** A catalog as a select option (searchable by title). */
export const catalogOption = (c: { id: string; title: string }) => ({
  value: c.id,
  search: c.title,
  label: <span title={c.title}>{c.title}</span>,
});

/** Today as YYYY-MM-DD in the browser's zone (Asia/Shanghai for our users; the server decides "today" itself). */
export const todayStr = () => dayjs().format('YYYY-MM-DD');

/** 国家 / 省级（山西省） / 外省参考（湖北省） / 外地参考（河北省） / 区级 / 乡镇. */
export function LayerTag({
  layer,
  province,
  style,
}: {
  layer: CatalogLayer;
  province?: string | null;
  style?: CSSProperties;
}) {
  const { t } = useI18n();
  const text = t(`catalogs.layer.${layer}`);
  const withProvince =
    (layer === 'provincial' || layer === 'other_province' || layer === 'other_locality') && province
      ? t('catalogs.layer.withPlace', { layer: text, place: province })
      : text;
  return (
    <Tag color={LAYER_COLORS[layer]} style={{ marginInlineEnd: 0, ...style }} data-testid="layer-tag">
      {withProvince}
    </Tag>
  );
}

/**
 * 完整 / 部分. A partial list says 部分 wherever it is shown; the note (which starts with 部分…) is
 * in the tooltip here and printed in full next to the list by `CompletenessNote`.
 */
export function CompletenessTag({ complete, note }: { complete: boolean; note: string }) {
  const { t } = useI18n();
  return (
    <Tooltip title={note}>
      <Tag color={complete ? 'success' : 'warning'} style={{ marginInlineEnd: 0 }} data-testid="completeness-tag">
        {complete ? t('catalogs.complete') : t('catalogs.partial')}
      </Tag>
    </Tooltip>
  );
}

/** The completeness note in full (always for partial lists; complete lists show it in grey). */
export function CompletenessNote({
  complete,
  note,
  style,
}: {
  complete: boolean;
  note: string;
  style?: CSSProperties;
}) {
  return (
    <Typography.Paragraph
      type={complete ? 'secondary' : 'warning'}
      style={{ fontSize: '0.75rem', marginBottom: 0, ...style }}
      data-testid="completeness-note"
    >
      {note}
    </Typography.Paragraph>
  );
}

export function StatusTag({ status }: { status: AdjustmentStatus }) {
  const { t } = useI18n();
  return (
    <Tag color={STATUS_COLORS[status]} style={{ marginInlineEnd: 0 }} data-testid="adjustment-status">
      {t(`catalogs.status.${status}`)}
    </Tag>
  );
}

export function OperationTag({ operation }: { operation: AdjustmentOperation }) {
  const { t } = useI18n();
  return (
    <Tag color={OPERATION_COLORS[operation]} style={{ marginInlineEnd: 0 }}>
      {t(`catalogs.operation.${operation}`)}
    </Tag>
  );
}

/**
 * Source link(s) of a list: the main source, then the others as 来源2, 来源3 … ; `empty` stands where there is
 * none (by default 「无来源」).
 */
export function SourceLinks({
  url,
  more = [],
  empty,
  gap = 8,
  style,
}: {
  url: string | null;
  more?: string[];
  empty?: ReactNode;
  gap?: number;
  style?: CSSProperties;
}) {
  const { t } = useI18n();
  const all = [url, ...more].filter((u): u is string => !!u && HTTP_URL.test(u)); // http(s) links only
  if (!all.length)
    return empty === undefined ? <Typography.Text type="secondary">{t('catalogs.noSource')}</Typography.Text> : empty;
  return (
    <Flex gap={gap} wrap style={style}>
      {all.map((u, i) => (
        <Typography.Link
          key={u}
          href={u}
          target="_blank"
          rel="noopener noreferrer"
          style={{ fontSize: '0.75rem' }}
          title={u}
        >
          <LinkOutlined /> {i === 0 ? t('catalogs.source') : t('catalogs.sourceN', { n: i + 1 })}
        </Typography.Link>
      ))}
    </Flex>
  );
}

/** A label/value line for compact cards (phones), like the public decision cards. */
export function InfoRow({ name, children, width = 72 }: { name: string; children: ReactNode; width?: number }) {
  if (children === null || children === undefined || children === '') return null;
  return (
    <div style={{ display: 'flex', gap: 8, fontSize: '0.8125rem', lineHeight: 1.7 }}>
      <span style={{ color: 'var(--jf-text-secondary)', flex: 'none', width }}>{name}</span>
      <span style={{ minWidth: 0, wordBreak: 'break-word' }}>{children}</span>
    </div>
  );
}
