import { useEffect, useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, DatePicker, Form, Input, InputNumber, Modal, Select, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMe } from '../../api/auth.js';
import { RegionSelect } from '../../components/RegionSelect.js';
import { useIsMobile } from '../../components/useIsMobile.js';
import { useI18n } from '../../i18n/index.js';
import { DEFAULT_PHASES, defaultDeadline, type PhaseKey } from '../../../shared/campaigns.codes.js';
import { campaignKeys, createCampaign, type Campaign } from './campaigns.api.js';
import { CLEARABLE } from '../../components/ClearIcon.js';

interface Values {
  name: string;
  regionCode: string;
  year: number;
  previousCampaignId?: string;
  deadlines: Record<PhaseKey, Dayjs | null>;
}

const defaultName = (year: number) => `${year}年村级组织减负专项行动`;
const deadlinesFor = (year: number) =>
  Object.fromEntries(DEFAULT_PHASES.map((p) => [p.key, dayjs(defaultDeadline(p.key, year))])) as Record<
    PhaseKey,
    Dayjs
  >;

/**
 * 发起专项行动: the seed plan's template (four phases with their default deadlines, all editable), or
 * the next cycle of a previous campaign (its rows are carried over at launch, statuses reset).
 */
export function CampaignFormModal({
  open,
  onClose,
  campaigns,
  previous,
}: {
  open: boolean;
  onClose: () => void;
  campaigns: Campaign[];
  previous?: Campaign | null;
}) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const isMobile = useIsMobile();
  const { data: me } = useMe();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const ownRegion = useMemo(() => me?.grants.find((g) => g.role === 'district_lead') ?? null, [me]);
  const regionCode = Form.useWatch('regionCode', form);
  const previousOptions = campaigns.filter(
    (c) => (c.status === 'active' || c.status === 'closed') && (!regionCode || c.regionCode === regionCode),
  );

  useEffect(() => {
    if (!open) return;
    const year = previous ? previous.year + 1 : dayjs().year();
    form.setFieldsValue({
      name: defaultName(year),
      regionCode: previous?.regionCode ?? ownRegion?.regionCode,
      year,
      previousCampaignId: previous?.id,
      deadlines: deadlinesFor(year),
    });
  }, [open, previous, ownRegion, form]);

  const onYear = (year: number | null) => {
    if (!year) return;
    const touchedName = form.getFieldValue('name') !== defaultName(form.getFieldValue('year'));
    form.setFieldsValue({ deadlines: deadlinesFor(year), ...(touchedName ? {} : { name: defaultName(year) }) });
  };

  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setBusy(true);
    try {
      const c = await createCampaign({
        name: v.name.trim(),
        regionCode: v.regionCode,
        year: v.year,
        previousCampaignId: v.previousCampaignId ?? null,
        phases: DEFAULT_PHASES.map((p) => ({
          key: p.key,
          deadline: (v.deadlines[p.key] ?? dayjs(defaultDeadline(p.key, v.year))).format('YYYY-MM-DD'),
        })),
      });
      await qc.invalidateQueries({ queryKey: campaignKeys.all });
      onClose();
      navigate(`/campaigns/${c.id}`);
    } catch {
      /* shown by the client */
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={previous ? t('campaigns.nextCycleTitle', { name: previous.name }) : t('campaigns.createTitle')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('campaigns.create')}
      confirmLoading={busy}
      destroyOnHidden
      width={isMobile ? '100%' : 720}
    >
      <Form<Values> form={form} layout="vertical" requiredMark={false}>
        {previous ? (
          <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('campaigns.nextCycleNote')} />
        ) : null}
        <Form.Item
          name="name"
          label={t('campaigns.name')}
          rules={[
            { required: true, whitespace: true, min: 2, message: t('common.required', { field: t('campaigns.name') }) },
          ]}
        >
          <Input maxLength={100} data-testid="campaign-name" />
        </Form.Item>
        <Form.Item
          name="regionCode"
          label={t('campaigns.region')}
          rules={[{ required: true, message: t('common.required', { field: t('campaigns.region') }) }]}
          extra={t('campaigns.regionHelp')}
        >
          {ownRegion && !previous ? (
            <Select
              options={(me?.grants ?? [])
                .filter((g) => g.role === 'district_lead')
                .map((g) => ({ value: g.regionCode, label: `${g.regionName}（${g.regionCode}）` }))}
            />
          ) : (
            <RegionSelect />
          )}
        </Form.Item>
        <Form.Item name="year" label={t('campaigns.year')} rules={[{ required: true }]}>
          <InputNumber min={2020} max={2100} precision={0} onChange={onYear} style={{ width: 140 }} />
        </Form.Item>
        <Form.Item name="previousCampaignId" label={t('campaigns.previous')} extra={t('campaigns.previousHelp')}>
          <Select
            allowClear={CLEARABLE}
            placeholder={t('campaigns.previousNone')}
            options={previousOptions.map((c) => ({ value: c.id, label: `${c.name}（${c.year}）` }))}
          />
        </Form.Item>
        <Typography.Text strong>{t('campaigns.phases')}</Typography.Text>
        <Typography.Paragraph type="secondary" style={{ fontSize: '0.75rem', marginBottom: 8 }}>
          {t('campaigns.phasesHelp')}
        </Typography.Paragraph>
        <Table
          size="small"
          rowKey="key"
          pagination={false}
          dataSource={DEFAULT_PHASES}
          scroll={{ x: 'max-content' }}
          columns={[
            { title: t('campaigns.phase'), dataIndex: 'key', render: (_: unknown, p) => t(`campaigns.phase.${p.key}`) },
            {
              title: t('campaigns.clause'),
              dataIndex: 'clause',
              render: (v: string) => <span className="jf-mono">{v}</span>,
            },
            {
              title: t('campaigns.deadline'),
              dataIndex: 'monthDay',
              render: (_: unknown, p) => (
                <Form.Item
                  name={['deadlines', p.key]}
                  style={{ margin: 0 }}
                  rules={[{ required: true, message: t('campaigns.deadlineRequired') }]}
                >
                  <DatePicker allowClear={false} style={{ width: 150 }} data-testid={`deadline-${p.key}`} />
                </Form.Item>
              ),
            },
          ]}
        />
      </Form>
    </Modal>
  );
}
