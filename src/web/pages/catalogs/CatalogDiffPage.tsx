import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, DatePicker, Empty, Flex, Result, Row, Skeleton, Tag, Typography } from 'antd';
import { SwapRightOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useMe } from '../../api/auth.js';
import { PageContainer } from '../../components/PageContainer.js';
import { RegionSelect } from '../../components/RegionSelect.js';
import { useSearchPatch } from '../../hooks/useSearchPatch.js';
import { useI18n, type Translate } from '../../i18n/index.js';
import { catalogDiff, catalogKeys, type DiffCause, type DiffEntry } from './catalogs.api.js';
import { OperationTag, StatusTag, todayStr } from './CatalogTags.js';
import { AdjustmentDrawer } from './AdjustmentDrawer.js';
import { LinkButton } from '../../components/LinkButton.js';

type Section = 'added' | 'amended' | 'withdrawn';
// 4.5:1 on white; the section's title says what it is, the colour only repeats it.
const SECTION_COLORS: Record<Section, string> = { added: '#237804', amended: '#1d5fc4', withdrawn: '#cf1322' };

/** Why an item changed: the adjustment behind it (region, operation, reason, date), an import, expiry … */
function describeCause(t: Translate, c: DiffCause): string {
  const a = c.adjustment;
  const params = a
    ? {
        region: a.targetRegion.name,
        operation: t(`catalogs.operation.${a.operation}`),
        reason: t(`catalogs.reason.${a.reasonType}`),
        date: a.effectiveFrom ?? a.effectiveDate,
      }
    : null;
  switch (c.type) {
    case 'adjustment':
      return params ? t('catalogs.cause.adjustment', params) : t('catalogs.cause.adjustmentUnknown');
    case 'adoption':
      return params ? t('catalogs.cause.adoption', params) : t('catalogs.cause.adoptionUnknown');
    case 'import':
    case 'seed':
      return t(`catalogs.revisionSource.${c.type}`);
    case 'expired':
      return t('catalogs.cause.expired', { date: c.expiredOn ?? '' });
    case 'catalog':
      return t('catalogs.cause.catalog');
  }
}

function Entry({
  e,
  section,
  first,
  onOpenAdjustment,
}: {
  e: DiffEntry;
  section: Section;
  first: boolean;
  onOpenAdjustment: (id: string) => void;
}) {
  const { t } = useI18n();
  return (
    <div
      style={{ padding: first ? '0 0 10px' : '10px 0', borderTop: first ? undefined : '1px solid #f0f0f0' }}
      data-testid={`diff-${section}`}
    >
      <Flex gap={6} wrap align="center">
        <Typography.Text strong style={{ color: SECTION_COLORS[section] }}>
          {e.name}
        </Typography.Text>
        <Typography.Text type="secondary" className="jf-mono" style={{ fontSize: '0.75rem' }}>
          {e.code}
        </Typography.Text>
        <Tag style={{ marginInlineEnd: 0 }}>{t(`catalogs.kind.${e.kind}`)}</Tag>
      </Flex>
      {section === 'amended' && e.changedFields.length ? (
        <div style={{ marginTop: 4 }}>
          {e.changedFields.map((f) => {
            const before = e.before ? e.before[f] : null;
            const after = e.after ? e.after[f] : null;
            return (
              <div key={f} style={{ fontSize: '0.8125rem', wordBreak: 'break-word' }}>
                <Typography.Text type="secondary">{t(`catalogs.field.${f}`)}：</Typography.Text>
                <Typography.Text delete type="secondary">
                  {String(before ?? '—')}
                </Typography.Text>
                <SwapRightOutlined style={{ margin: '0 6px' }} />
                <span>{String(after ?? '—')}</span>
              </div>
            );
          })}
        </div>
      ) : null}
      {e.causes.map((c, i) => (
        <div
          key={i}
          style={{ marginTop: 4, fontSize: '0.8125rem', background: '#fafafa', borderRadius: 4, padding: '4px 8px' }}
        >
          <div>
            <Typography.Text type="secondary">{t('diff.cause')}：</Typography.Text>
            {describeCause(t, c)}
          </div>
          {c.adjustment ? (
            <Flex gap={6} wrap align="center" style={{ marginTop: 2 }}>
              <OperationTag operation={c.adjustment.operation} />
              <StatusTag status={c.adjustment.status} />
              <span style={{ fontSize: '0.75rem' }}>
                {t(`catalogs.reason.${c.adjustment.reasonType}`)} · {t('adjust.basis')}：{c.adjustment.basis}
              </span>
              <span style={{ fontSize: '0.75rem', color: 'var(--jf-text-secondary)' }}>
                {t('adjust.proposer')}：{c.adjustment.proposerName}
                {c.adjustment.approverName ? ` · ${t('adjust.approver')}：${c.adjustment.approverName}` : ''}
              </span>
              <LinkButton style={{ fontSize: '0.75rem' }} onClick={() => onOpenAdjustment(c.adjustment!.id)}>
                {t('adjust.open')}
              </LinkButton>
            </Flex>
          ) : null}
        </div>
      ))}
    </div>
  );
}

/** 目录变化对比: what changed in a region's effective catalog between two dates, and the adjustment behind each change. */
export default function CatalogDiffPage() {
  const { t } = useI18n();
  const { data: me } = useMe();
  const [params, set] = useSearchPatch();
  const today = todayStr();
  const region = params.get('region') || me?.region?.code || '';
  const from = params.get('from') || today;
  const to = params.get('to') || dayjs(today).add(1, 'year').format('YYYY-MM-DD');
  const [adjustmentId, setAdjustmentId] = useState<string | null>(null);
  const valid = !!region && from <= to;

  const diff = useQuery({
    queryKey: catalogKeys.diff(region, from, to),
    queryFn: () => catalogDiff(region, from, to),
    enabled: valid,
  });
  const d = diff.data;

  const section = (key: Section, title: string, entries: DiffEntry[]) => (
    <Card
      size="small"
      key={key}
      style={{ marginBottom: 12 }}
      title={
        <span>
          <span style={{ color: SECTION_COLORS[key] }}>{title}</span>
          <Tag style={{ marginInlineStart: 8 }}>{entries.length}</Tag>
        </span>
      }
      data-testid={`diff-section-${key}`}
    >
      {entries.length ? (
        entries.map((e, i) => (
          <Entry key={e.itemId} e={e} section={key} first={i === 0} onOpenAdjustment={setAdjustmentId} />
        ))
      ) : (
        <Typography.Text type="secondary">{t('diff.none')}</Typography.Text>
      )}
    </Card>
  );

  return (
    <PageContainer title={t('diff.title')}>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Row gutter={[12, 12]} align="bottom">
          <Col xs={24} md={10}>
            <label htmlFor="diff-region" className="jf-field-label">
              {t('catalogs.region')}
            </label>
            <RegionSelect id="diff-region" value={region || undefined} onChange={(code) => set({ region: code })} />
          </Col>
          <Col xs={12} md={7}>
            <label htmlFor="diff-from-date" className="jf-field-label">
              {t('diff.from')}
            </label>
            <DatePicker
              id="diff-from-date"
              value={dayjs(from)}
              allowClear={false}
              onChange={(v) => v && set({ from: v.format('YYYY-MM-DD') })}
              style={{ width: '100%' }}
              data-testid="diff-from"
            />
          </Col>
          <Col xs={12} md={7}>
            <label htmlFor="diff-to-date" className="jf-field-label">
              {t('diff.to')}
            </label>
            <DatePicker
              id="diff-to-date"
              value={dayjs(to)}
              allowClear={false}
              onChange={(v) => v && set({ to: v.format('YYYY-MM-DD') })}
              style={{ width: '100%' }}
              data-testid="diff-to"
            />
          </Col>
        </Row>
      </Card>
      {!region ? (
        <Empty description={t('catalogs.pickRegion')} />
      ) : from > to ? (
        <Alert type="error" showIcon title={t('diff.badRange')} />
      ) : diff.isPending ? (
        <Skeleton active paragraph={{ rows: 8 }} />
      ) : diff.error ? (
        <Result
          status="warning"
          title={t('common.loadFailed')}
          subTitle={diff.error.message}
          extra={<Button onClick={() => void diff.refetch()}>{t('common.retry')}</Button>}
        />
      ) : d ? (
        <div data-testid="diff-result">
          <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
            <Typography.Text>{t('diff.summary', { region: d.region.name, from: d.from, to: d.to })}</Typography.Text>
            <Tag color="geekblue" className="jf-mono" style={{ marginInlineEnd: 0 }}>
              {d.fromVersion}
            </Tag>
            <SwapRightOutlined />
            <Tag color="geekblue" className="jf-mono" style={{ marginInlineEnd: 0 }}>
              {d.toVersion}
            </Tag>
          </Flex>
          {d.added.length + d.amended.length + d.withdrawn.length === 0 ? (
            <Alert type="success" showIcon title={t('diff.noChanges')} style={{ marginBottom: 12 }} />
          ) : null}
          {section('added', t('diff.added'), d.added)}
          {section('amended', t('diff.amended'), d.amended)}
          {section('withdrawn', t('diff.withdrawn'), d.withdrawn)}
        </div>
      ) : null}
      <AdjustmentDrawer id={adjustmentId} onClose={() => setAdjustmentId(null)} />
    </PageContainer>
  );
}
