import type { CSSProperties, ReactNode } from 'react';
import { Flex, Tag, Tooltip, Typography } from 'antd';
import { LinkOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { AdjustmentOperation, AdjustmentStatus, CatalogLayer } from '../../../shared/catalogs.js';
import { useI18n, useLabel } from '../../i18n/index.js';
import {
  LAYER_COLORS,
  LAYER_LABELS,
  OPERATION_COLORS,
  OPERATION_LABELS,
  STATUS_COLORS,
  STATUS_LABELS,
} from './catalogs.labels.js';

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
  const label = useLabel();
  const text = label(LAYER_LABELS[layer]);
  const withProvince =
    (layer === 'provincial' || layer === 'other_province' || layer === 'other_locality') && province
      ? `${text}（${province}）`
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
  const label = useLabel();
  return (
    <Tag color={STATUS_COLORS[status]} style={{ marginInlineEnd: 0 }} data-testid="adjustment-status">
      {label(STATUS_LABELS[status])}
    </Tag>
  );
}

export function OperationTag({ operation }: { operation: AdjustmentOperation }) {
  const label = useLabel();
  return (
    <Tag color={OPERATION_COLORS[operation]} style={{ marginInlineEnd: 0 }}>
      {label(OPERATION_LABELS[operation])}
    </Tag>
  );
}

/** Source link(s) of a list: the main source, then the others as 来源2, 来源3 … */
export function SourceLinks({ url, more = [] }: { url: string | null; more?: string[] }) {
  const { t } = useI18n();
  const all = [url, ...more].filter((u): u is string => !!u);
  if (!all.length) return <Typography.Text type="secondary">{t('catalogs.noSource')}</Typography.Text>;
  return (
    <Flex gap={8} wrap>
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
