import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Descriptions, Form, Input, Result, Spin, Typography } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { api, isApiError } from '../../api/client.js';
import { useI18n } from '../../i18n/index.js';
import { PublicFrame } from './PublicFrame.js';
import { CLEARABLE } from '../../components/ClearIcon.js';

/** GET /api/public/verify/:code: validity, serial, type, issuing village, date and a masked name; nothing else. */
interface VerifyResult {
  valid: boolean;
  status: 'valid' | 'revoked';
  statusLabel: string;
  serial: string;
  type: string;
  village: { code: string; name: string };
  issuedOn: string;
  holderName: string;
  revokedOn: string | null;
}

const CODE = /^[A-Za-z0-9_-]{20,64}$/;

/**
 * /verify/<code> (public, no login; the QR code on every certificate points here): is this
 * certificate genuine and still valid? /verify alone asks for the code printed under the QR code.
 */
export default function VerifyPage() {
  const { code = '' } = useParams();
  const { t } = useI18n();
  const clean = code.trim();
  const wellFormed = CODE.test(clean);
  const q = useQuery({
    queryKey: ['public', 'verify', clean],
    queryFn: () => api<VerifyResult>(`/api/public/verify/${encodeURIComponent(clean)}`, { quiet: true }),
    enabled: wellFormed,
    retry: false,
    staleTime: 0,
  });

  let body;
  if (!clean) body = null;
  else if (!wellFormed || (q.error && isApiError(q.error) && q.error.status === 404))
    body = (
      <Card data-testid="verify-result">
        <Result status="warning" title={t('verify.notFound')} subTitle={t('verify.notFoundSub')} />
      </Card>
    );
  else if (q.isPending)
    body = (
      <Card>
        <div className="jf-full-center" style={{ minHeight: 200 }}>
          <Spin description={t('verify.checking')}>
            <div style={{ width: 80, height: 40 }} />
          </Spin>
        </div>
      </Card>
    );
  else if (q.error)
    body = (
      <Card data-testid="verify-result">
        <Result
          status="error"
          title={t('verify.failed')}
          subTitle={q.error.message}
          extra={<Button onClick={() => void q.refetch()}>{t('common.retry')}</Button>}
        />
      </Card>
    );
  else {
    const v = q.data;
    body = (
      <Card data-testid="verify-result" styles={{ body: { padding: 0 } }}>
        <Result
          status={v.valid ? 'success' : 'error'}
          title={<span data-testid="verify-status">{v.valid ? t('verify.valid') : t('verify.revoked')}</span>}
          subTitle={v.valid ? t('verify.validSub') : t('verify.revokedSub', { date: v.revokedOn ?? '' })}
          style={{ padding: '24px 16px 8px' }}
        />
        <div style={{ padding: '0 16px 16px' }}>
          <Descriptions
            bordered
            size="small"
            column={1}
            styles={{ label: { width: 104, whiteSpace: 'nowrap' } }}
            items={[
              {
                key: 'status',
                label: t('verify.status'),
                children: (
                  <Typography.Text type={v.valid ? 'success' : 'danger'} strong>
                    {v.valid ? t('verify.statusValid') : t('verify.statusRevoked')}
                  </Typography.Text>
                ),
              },
              {
                key: 'serial',
                label: t('verify.serial'),
                children: (
                  <span className="jf-mono" style={{ wordBreak: 'break-all' }}>
                    {v.serial}
                  </span>
                ),
              },
              { key: 'type', label: t('verify.type'), children: v.type },
              { key: 'village', label: t('verify.village'), children: v.village.name },
              { key: 'issuedOn', label: t('verify.issuedOn'), children: v.issuedOn },
              { key: 'holder', label: t('verify.holder'), children: v.holderName },
              ...(v.revokedOn ? [{ key: 'revokedOn', label: t('verify.revokedOn'), children: v.revokedOn }] : []),
            ]}
          />
          <Typography.Paragraph type="secondary" style={{ fontSize: '0.75rem', marginTop: 12, marginBottom: 0 }}>
            {t('verify.privacy')}
          </Typography.Paragraph>
        </div>
      </Card>
    );
  }

  return (
    <PublicFrame title={t('verify.title')} maxWidth={560}>
      {body}
      <CodeForm initial={clean} />
    </PublicFrame>
  );
}

function CodeForm({ initial }: { initial: string }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [value, setValue] = useState(initial);
  return (
    <Card size="small" style={{ marginTop: 16 }} title={t('verify.byCode')}>
      <Form layout="vertical" onFinish={() => value.trim() && navigate(`/verify/${encodeURIComponent(value.trim())}`)}>
        <Form.Item
          label={t('verify.codeLabel')}
          htmlFor="verify-code-input"
          extra={t('verify.codeHelp')}
          style={{ marginBottom: 12 }}
        >
          <Input
            id="verify-code-input"
            value={value}
            onChange={(e) => setValue(e.target.value)}
            maxLength={64}
            allowClear={CLEARABLE}
            placeholder={t('verify.codePlaceholder')}
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" icon={<SafetyCertificateOutlined />} block>
          {t('verify.submit')}
        </Button>
      </Form>
    </Card>
  );
}
