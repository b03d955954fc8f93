import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Flex, Form, Input, Spin, Tag, Typography } from 'antd';
import { isApiError } from '../../api/client.js';
import { useI18n } from '../../i18n/index.js';
import { fmtTime } from '../../components/format.js';
import { PublicFrame } from '../verify/PublicFrame.js';
import type { PublicStatus } from '../../../shared/supervision.js';
import { rateAnswer, reopenReport, reportStatus, supervisionKeys } from './supervision.api.js';

/** What the reporter may still do: rate the answer, and reopen once within 15 days. */
function ReporterActions({ s }: { s: PublicStatus }) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const [reason, setReason] = useState('');
  const done = (next: PublicStatus) => qc.setQueryData(supervisionKeys.status(s.code), next);
  const rate = useMutation({ mutationFn: (ok: boolean) => rateAnswer(s.code, ok), onSuccess: done });
  const reopen = useMutation({ mutationFn: () => reopenReport(s.code, reason), onSuccess: done });
  return (
    <>
      {s.canRate ? (
        <Card size="small" title={t('supervision.track.rateTitle')} style={{ marginTop: 16 }} data-testid="track-rate">
          <Flex gap={12}>
            <Button onClick={() => rate.mutate(true)} loading={rate.isPending} data-testid="track-satisfied">
              {t('supervision.rating.satisfied')}
            </Button>
            <Button danger onClick={() => rate.mutate(false)} loading={rate.isPending} data-testid="track-unsatisfied">
              {t('supervision.rating.unsatisfied')}
            </Button>
          </Flex>
        </Card>
      ) : s.rating ? (
        <Typography.Paragraph style={{ marginTop: 16 }} data-testid="track-rating">
          {t('supervision.track.rated', { rating: t(`supervision.rating.${s.rating}`) })}
        </Typography.Paragraph>
      ) : null}
      {s.canReopen && s.reopenUntil ? (
        <Card
          size="small"
          title={t('supervision.track.reopenTitle', { until: s.reopenUntil })}
          style={{ marginTop: 16 }}
          data-testid="track-reopen"
        >
          <Form layout="vertical" onFinish={() => reopen.mutate()}>
            <Form.Item label={t('supervision.track.reopenReason')} htmlFor="reopen-reason" required>
              <Input.TextArea
                id="reopen-reason"
                rows={3}
                maxLength={1000}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                data-testid="track-reopen-reason"
              />
            </Form.Item>
            <Button
              htmlType="submit"
              type="primary"
              disabled={reason.trim().length < 2}
              loading={reopen.isPending}
              data-testid="track-reopen-submit"
            >
              {t('supervision.track.reopen')}
            </Button>
          </Form>
        </Card>
      ) : null}
    </>
  );
}

function StatusView({ s }: { s: PublicStatus }) {
  const { t } = useI18n();
  return (
    <Card data-testid="track-result">
      <Descriptions
        column={1}
        size="small"
        items={[
          { key: 'code', label: t('supervision.track.code'), children: <span className="jf-mono">{s.code}</span> },
          {
            key: 'status',
            label: t('supervision.track.status'),
            children: (
              <Tag
                color={s.status === 'closed' ? 'default' : s.status === 'answered' ? 'green' : 'blue'}
                data-testid="track-status"
              >
                {t(`supervision.status.${s.status}`)}
              </Tag>
            ),
          },
          {
            key: 'category',
            label: t('supervision.track.category'),
            children: t(`supervision.category.${s.category}`),
          },
          { key: 'region', label: t('supervision.track.region'), children: s.regionName },
          { key: 'at', label: t('supervision.track.submittedAt'), children: fmtTime(s.submittedAt) },
        ]}
      />
      <Typography.Title level={2} style={{ fontSize: '1rem', marginTop: 16 }}>
        {t('supervision.track.answers')}
      </Typography.Title>
      {s.answers.length ? (
        s.answers.map((a, i) => (
          <Card key={a.answeredAt} size="small" style={{ marginBottom: 8 }} data-testid="track-answer">
            <Flex gap={8} wrap align="center">
              <Typography.Text strong>{t('supervision.track.answerN', { n: i + 1 })}</Typography.Text>
              <Tag>{t(`supervision.finding.${a.finding}`)}</Tag>
              <Typography.Text type="secondary">{fmtTime(a.answeredAt)}</Typography.Text>
            </Flex>
            <div style={{ whiteSpace: 'pre-wrap', marginTop: 4 }}>{a.text}</div>
          </Card>
        ))
      ) : (
        <Typography.Paragraph type="secondary">{t('supervision.track.noAnswer')}</Typography.Paragraph>
      )}
      <ReporterActions s={s} />
    </Card>
  );
}

/** 举报办理进度查询: the tracking code → status and the public answers (no personal data). */
export default function TrackPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { code = '' } = useParams();
  const [input, setInput] = useState(code);
  const status = useQuery({
    queryKey: supervisionKeys.status(code),
    queryFn: () => reportStatus(code),
    enabled: !!code,
    retry: false,
  });
  return (
    <PublicFrame title={t('supervision.track.title')}>
      <Form layout="vertical" onFinish={() => navigate(`/public/report/status/${input.trim().toUpperCase()}`)}>
        <Form.Item label={t('supervision.track.code')} htmlFor="track-code">
          <Flex gap={8}>
            <Input
              id="track-code"
              size="large"
              className="jf-mono"
              value={input}
              maxLength={12}
              onChange={(e) => setInput(e.target.value.replace(/\s/g, ''))}
              placeholder={t('supervision.track.codePlaceholder')}
              data-testid="track-code"
            />
            <Button type="primary" size="large" htmlType="submit" disabled={!input.trim()}>
              {t('supervision.track.query')}
            </Button>
          </Flex>
        </Form.Item>
      </Form>
      {status.isLoading ? <Spin /> : null}
      {status.error ? (
        <Alert
          type="warning"
          showIcon
          role="alert"
          title={isApiError(status.error) ? status.error.message : String(status.error)}
        />
      ) : null}
      {status.data ? <StatusView s={status.data} /> : null}
      <Typography.Paragraph style={{ marginTop: 16 }}>
        <Link to="/public/report">{t('public.reportLink')}</Link>
      </Typography.Paragraph>
    </PublicFrame>
  );
}
