import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Empty, Flex, Form, Input, Pagination, Spin, Tag, Typography } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { useI18n } from '../../i18n/index.js';
import { PublicFrame } from '../verify/PublicFrame.js';
import { admissionKeys, publicDecisions } from './admission.api.js';
import type { PublicDecision } from '../../../shared/admission.js';
import { DecisionTag, EffectTag, useStoredName } from './AdmissionTags.js';
import { CLEARABLE } from '../../components/ClearIcon.js';

const REGION = /^\d{6}(\d{3})?(\d{3})?$/;
const STORE = 'jianfu.publicRegion';

function storedRegion(): string {
  try {
    return window.localStorage.getItem(STORE) ?? '';
  } catch {
    return '';
  }
}

/**
 * 准入决定公开 (public, no login): the admission decisions that apply to a district, township or
 * village: what was admitted (scope, period, conditions), what was refused and why, what was withdrawn.
 */
export default function PublicDecisionsPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const region = (params.get('region') ?? '').trim();
  const [input, setInput] = useState(region || storedRegion());
  const [page, setPage] = useState(1);
  const pageSize = 10;
  const valid = REGION.test(region);

  useEffect(() => {
    if (!region && storedRegion()) setParams({ region: storedRegion() }, { replace: true });
  }, [region, setParams]);
  useEffect(() => {
    setInput(region);
    setPage(1);
    if (REGION.test(region))
      try {
        window.localStorage.setItem(STORE, region);
      } catch {
        /* private mode */
      }
  }, [region]);

  const q = useQuery({
    queryKey: admissionKeys.publicDecisions(region, page, pageSize),
    queryFn: () => publicDecisions(region, page, pageSize),
    enabled: valid,
    placeholderData: keepPreviousData,
    retry: false,
  });

  return (
    <PublicFrame title={t('publicAdmission.title')}>
      <Typography.Paragraph type="secondary">{t('publicAdmission.intro')}</Typography.Paragraph>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Form layout="vertical" onFinish={() => setParams(input.trim() ? { region: input.trim() } : {})}>
          <Form.Item
            label={t('publicAdmission.region')}
            htmlFor="public-admission-region"
            extra={t('publicAdmission.regionHelp')}
            validateStatus={input && !REGION.test(input.trim()) ? 'error' : undefined}
            help={input && !REGION.test(input.trim()) ? t('publicAdmission.regionInvalid') : undefined}
            style={{ marginBottom: 12 }}
          >
            <Flex gap={8}>
              <Input
                id="public-admission-region"
                value={input}
                onChange={(e) => setInput(e.target.value)}
                inputMode="numeric"
                maxLength={12}
                allowClear={CLEARABLE}
                placeholder="140404"
                data-testid="region-input"
              />
              <Button type="primary" htmlType="submit" icon={<SearchOutlined />} disabled={!REGION.test(input.trim())}>
                {t('common.search')}
              </Button>
            </Flex>
          </Form.Item>
        </Form>
      </Card>

      {!region ? (
        <Empty description={t('publicAdmission.pickRegion')} />
      ) : !valid ? (
        <Alert type="error" showIcon title={t('publicAdmission.regionInvalid')} />
      ) : q.error ? (
        <Alert
          type="error"
          showIcon
          title={t('common.loadFailed')}
          description={q.error.message}
          action={
            <Button size="small" onClick={() => void q.refetch()}>
              {t('common.retry')}
            </Button>
          }
        />
      ) : q.isPending ? (
        <div className="jf-full-center" style={{ minHeight: 200 }}>
          <Spin description={t('common.loading')}>
            <div style={{ width: 80, height: 40 }} />
          </Spin>
        </div>
      ) : q.data.items.length === 0 ? (
        <Card>
          <Empty description={t('publicAdmission.empty')} />
        </Card>
      ) : (
        <>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
            {t('publicAdmission.count', { region, total: q.data.total })}
          </Typography.Paragraph>
          <Flex vertical gap={12} data-testid="public-decisions">
            {q.data.items.map((d) => (
              <DecisionCard key={d.number} d={d} />
            ))}
          </Flex>
          {q.data.total > pageSize ? (
            <Pagination
              style={{ marginTop: 16, textAlign: 'center' }}
              size="small"
              current={page}
              pageSize={pageSize}
              total={q.data.total}
              onChange={setPage}
              showSizeChanger={false}
            />
          ) : null}
        </>
      )}
    </PublicFrame>
  );
}

const row = (name: string, value: string | null | undefined) =>
  value ? (
    <div style={{ display: 'flex', gap: 8, fontSize: '0.8125rem', lineHeight: 1.7 }}>
      <span style={{ color: 'var(--jf-text-secondary)', flex: 'none', width: 72 }}>{name}</span>
      <span style={{ minWidth: 0, wordBreak: 'break-word', whiteSpace: 'pre-line' }}>{value}</span>
    </div>
  ) : null;

function DecisionCard({ d }: { d: PublicDecision }) {
  const { t, keyed } = useI18n();
  const stored = useStoredName();
  return (
    <Card size="small" data-testid="public-decision">
      <Flex gap={6} wrap align="center" style={{ marginBottom: 6 }}>
        <DecisionTag decision={d.decision} />
        {d.status === 'withdrawn' || d.status === 'expired' ? (
          <Tag style={{ marginInlineEnd: 0 }}>{t(`admission.status.${d.status}`)}</Tag>
        ) : null}
        <EffectTag state={d.effectState} />
        <Tag style={{ marginInlineEnd: 0 }}>{t(`admission.kind.${d.kind}`)}</Tag>
      </Flex>
      <Typography.Title level={2} className="jf-h-small" style={{ margin: '0 0 6px' }}>
        {d.title}
      </Typography.Title>
      {row(t('publicAdmission.number'), d.number)}
      {row(t('publicAdmission.department'), d.departmentName)}
      {row(t('publicAdmission.decidedBy'), [stored(d.decidedByBody), d.decidedOn].filter(Boolean).join(' · '))}
      {row(t('publicAdmission.scope'), d.scope.join('、'))}
      {d.effectiveFrom ? row(t('publicAdmission.period'), `${d.effectiveFrom} — ${d.expiresOn ?? ''}`) : null}
      {row(t('publicAdmission.basis'), d.basis.join('；'))}
      {row(t('publicAdmission.conditions'), d.conditions)}
      {row(t('publicAdmission.reason'), d.precheckReasons.length ? d.precheckReasons.map(keyed).join('\n') : d.reason)}
      {d.withdrawnOn
        ? row(t('publicAdmission.withdrawn'), `${d.withdrawnOn}${d.withdrawReason ? `：${d.withdrawReason}` : ''}`)
        : null}
    </Card>
  );
}
