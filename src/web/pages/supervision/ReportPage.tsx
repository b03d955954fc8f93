import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, AutoComplete, Button, Card, Flex, Form, Input, Radio, Select, Typography, Upload } from 'antd';
import { CameraOutlined, ReloadOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { isApiError } from '../../api/client.js';
import { useI18n } from '../../i18n/index.js';
import { Field, PastDayPicker } from '../../components/Field.js';
import { PublicFrame } from '../verify/PublicFrame.js';
import { CATEGORIES, REPORT_LIMITS, type Category, type ReportReceipt } from '../../../shared/supervision.js';
import { findVillages, newCaptcha, submitReport, supervisionKeys } from './supervision.api.js';

interface ReportForm {
  category?: Category;
  village?: string;
  bodyConcerned?: string;
  description?: string;
  happenedOn?: Dayjs;
  identity: 'anonymous' | 'named';
  name?: string;
  contact?: string;
  captchaAnswer?: string;
}

/** The village picker: type a name, choose from the villages found (the code is what is sent). */
function VillagePicker(props: { id?: string; value?: string; onChange?: (code: string) => void }) {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const found = useQuery({
    queryKey: supervisionKeys.villages(q),
    queryFn: () => findVillages(q),
    enabled: q.trim().length > 0,
  });
  const items = found.data?.items ?? [];
  return (
    <AutoComplete
      id={props.id}
      size="large"
      value={q}
      onChange={(v) => {
        setQ(v);
        props.onChange?.('');
      }}
      onSelect={(code: string) => {
        const v = items.find((x) => x.code === code);
        setQ(v ? `${v.name}（${v.path}）` : code);
        props.onChange?.(code);
      }}
      options={items.map((v) => ({ value: v.code, label: `${v.name}（${v.path}）` }))}
      placeholder={t('supervision.report.villagePlaceholder')}
      notFoundContent={q && found.isSuccess ? t('supervision.report.villageNone') : null}
      data-testid="report-village"
    />
  );
}

function Captcha({ onId }: { onId: (id: string) => void }) {
  const { t } = useI18n();
  const c = useQuery({ queryKey: ['supervision', 'captcha'], queryFn: newCaptcha, gcTime: 0, staleTime: Infinity });
  useEffect(() => {
    if (c.data) onId(c.data.id);
  }, [c.data, onId]);
  return (
    <Flex gap={8} align="center">
      {c.data ? (
        <img
          src={`data:image/svg+xml;utf8,${encodeURIComponent(c.data.svg)}`}
          alt={t('supervision.report.captchaImage')}
          width={150}
          height={50}
          data-testid="report-captcha-image"
        />
      ) : null}
      <Button icon={<ReloadOutlined aria-hidden />} onClick={() => void c.refetch()}>
        {t('supervision.report.captchaRefresh')}
      </Button>
    </Flex>
  );
}

/** 举报/反映: a public form (no login, a phone first) that answers with a tracking code. */
export default function ReportPage() {
  const { t } = useI18n();
  const [form] = Form.useForm<ReportForm>();
  const [captchaId, setCaptchaId] = useState('');
  const [captchaKey, setCaptchaKey] = useState(0);
  const [photos, setPhotos] = useState<File[]>([]);
  const [receipt, setReceipt] = useState<ReportReceipt | null>(null);
  const identity = Form.useWatch('identity', form);
  const send = useMutation({
    mutationFn: (v: ReportForm) =>
      submitReport(
        {
          category: v.category!,
          regionCode: v.village!,
          bodyConcerned: v.bodyConcerned ?? '',
          description: v.description ?? '',
          happenedOn: v.happenedOn ? v.happenedOn.format('YYYY-MM-DD') : null,
          anonymous: v.identity === 'anonymous',
          name: v.identity === 'named' ? (v.name ?? null) : null,
          contact: v.identity === 'named' ? (v.contact ?? null) : null,
          captchaId,
          captchaAnswer: v.captchaAnswer ?? '',
        },
        photos,
      ),
    onSuccess: setReceipt,
    onError: () => {
      form.setFieldValue('captchaAnswer', '');
      setCaptchaKey((k) => k + 1);
    },
  });

  if (receipt)
    return (
      <PublicFrame title={t('supervision.report.title')}>
        <Card data-testid="report-receipt">
          <Typography.Title level={2} style={{ fontSize: '1.125rem', marginTop: 0 }}>
            {t('supervision.report.done')}
          </Typography.Title>
          <div>{t('supervision.report.codeLabel')}</div>
          <div
            className="jf-mono"
            style={{ fontSize: '1.75rem', fontWeight: 700, letterSpacing: 3 }}
            data-testid="report-code"
          >
            {receipt.code}
          </div>
          <Typography.Paragraph type="secondary">{t('supervision.report.codeHelp')}</Typography.Paragraph>
          <Flex gap={12} wrap>
            <Link to={`/public/report/status/${receipt.code}`} data-testid="report-status-link">
              {t('supervision.report.viewStatus')}
            </Link>
            <Button
              type="link"
              onClick={() => {
                setReceipt(null);
                form.resetFields();
                setPhotos([]);
              }}
            >
              {t('supervision.report.another')}
            </Button>
          </Flex>
        </Card>
      </PublicFrame>
    );

  const max = REPORT_LIMITS.descriptionMax;
  return (
    <PublicFrame title={t('supervision.report.title')}>
      <Typography.Paragraph>{t('supervision.report.intro')}</Typography.Paragraph>
      <Card>
        <Form<ReportForm>
          form={form}
          layout="vertical"
          initialValues={{ identity: 'anonymous' }}
          onFinish={(v) => send.mutate(v)}
          disabled={send.isPending}
          data-testid="report-form"
        >
          <Field name="category" label={t('supervision.report.category')} required>
            <Select
              size="large"
              options={CATEGORIES.map((c) => ({ value: c, label: t(`supervision.category.${c}`) }))}
              data-testid="report-category"
            />
          </Field>
          <Field name="village" label={t('supervision.report.village')} required>
            <VillagePicker />
          </Field>
          <Field name="bodyConcerned" label={t('supervision.report.body')} required="text">
            <Input
              size="large"
              maxLength={REPORT_LIMITS.bodyMax}
              placeholder={t('supervision.report.bodyPlaceholder')}
              data-testid="report-body"
            />
          </Field>
          <Field
            name="description"
            label={t('supervision.report.description')}
            required="text"
            rules={[{ max, message: t('supervision.report.tooLong', { max }) }]}
          >
            <Input.TextArea
              rows={5}
              showCount={{ formatter: ({ count }) => `${count} / ${max}` }}
              placeholder={t('supervision.report.descriptionPlaceholder')}
              data-testid="report-description"
            />
          </Field>
          <Field name="happenedOn" label={t('supervision.report.happenedOn')}>
            <PastDayPicker size="large" />
          </Field>
          <Field name="identity" label={t('supervision.report.identity')}>
            <Radio.Group
              options={[
                { value: 'anonymous', label: t('supervision.report.anonymous') },
                { value: 'named', label: t('supervision.report.named') },
              ]}
            />
          </Field>
          {identity === 'named' ? (
            <>
              <Field name="name" label={t('supervision.report.name')} required="text">
                <Input size="large" maxLength={50} autoComplete="name" />
              </Field>
              <Field name="contact" label={t('supervision.report.contact')}>
                <Input size="large" maxLength={50} autoComplete="tel" inputMode="tel" />
              </Field>
            </>
          ) : null}
          <Form.Item label={t('supervision.report.photos')} extra={t('supervision.report.photosHelp')}>
            <Upload
              accept="image/png,image/jpeg"
              listType="picture"
              maxCount={REPORT_LIMITS.photosMax}
              multiple
              beforeUpload={(file) => {
                setPhotos((ps) => [...ps, file].slice(0, REPORT_LIMITS.photosMax));
                return false;
              }}
              onRemove={(file) => setPhotos((ps) => ps.filter((p) => p !== (file.originFileObj ?? file)))}
            >
              {photos.length < REPORT_LIMITS.photosMax ? (
                <Button icon={<CameraOutlined aria-hidden />}>{t('supervision.report.photoAdd')}</Button>
              ) : null}
            </Upload>
          </Form.Item>
          <Field name="captchaAnswer" label={t('supervision.report.captcha')} required="text">
            <Input size="large" maxLength={8} autoComplete="off" data-testid="report-captcha" />
          </Field>
          <div style={{ marginTop: -12, marginBottom: 16 }}>
            <Captcha key={captchaKey} onId={setCaptchaId} />
          </div>
          <Alert type="info" title={t('supervision.report.notice')} style={{ marginBottom: 16 }} />
          {send.error ? (
            <Alert
              type="error"
              showIcon
              role="alert"
              title={isApiError(send.error) ? send.error.message : String(send.error)}
              style={{ marginBottom: 16 }}
              data-testid="report-error"
            />
          ) : null}
          <Button
            type="primary"
            htmlType="submit"
            size="large"
            block
            loading={send.isPending}
            data-testid="report-submit"
          >
            {t('supervision.report.submit')}
          </Button>
        </Form>
      </Card>
    </PublicFrame>
  );
}
