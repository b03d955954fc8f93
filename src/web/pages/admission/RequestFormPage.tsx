import { useEffect, useMemo, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Result,
  Row,
  Select,
  Space,
  Switch,
  Typography,
} from 'antd';
import { DeleteOutlined, PlusOutlined, SaveOutlined, SendOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { isApiError } from '../../api/client.js';
import { PageContainer } from '../../components/PageContainer.js';
import { PageSpin } from '../../components/PageSpin.js';
import { useFeedback } from '../../components/feedback.js';
import { useIsMobile } from '../../components/useIsMobile.js';
import { useI18n, useLabel } from '../../i18n/index.js';
import {
  BASIS_LEVEL_LABELS,
  BASIS_LEVELS,
  CATALOG_KIND_LABELS,
  CHANGE_ACTION_LABELS,
  CHANGEABLE_CATALOG_KINDS,
  FREQUENCIES,
  FREQUENCY_LABELS,
  KIND_LABELS,
  REQUEST_KINDS,
  type BasisLevel,
  type Frequency,
  type RequestKind,
} from './admission.labels.js';
import {
  admissionKeys,
  createRequest,
  getRequest,
  precheckContent,
  submitRequest,
  updateRequest,
  type RequestContent,
  type RequestDetail,
} from './admission.api.js';
import { PrecheckView } from './PrecheckView.js';
import { RegionMultiSelect, type RegionOption } from './RegionMultiSelect.js';
import { CLEARABLE } from '../../components/ClearIcon.js';

interface FormValues {
  kind?: RequestKind;
  title?: string;
  description?: string;
  dedicatedPost?: boolean;
  basis?: { document?: string; article?: string; level?: BasisLevel }[];
  targets?: string[];
  startsOn?: Dayjs | null;
  endsOn?: Dayjs | null;
  fundingProvided?: boolean;
  amountYuan?: number | null;
  fundingSource?: string;
  staffingProvided?: boolean;
  people?: number | null;
  staffingDescription?: string;
  forms?: { name?: string; frequency?: Frequency; fields?: string }[];
  catalogItemCode?: string;
  changeCatalog?: boolean;
  change?: { action?: 'add' | 'amend' | 'withdraw'; kind?: string; itemCode?: string; name?: string; reason?: string };
}

const DATE = 'YYYY-MM-DD';
const trim = (s: string | undefined | null) => (s ?? '').trim();

/**
 * The request as the API wants it, or null while the parts the pre-check needs (kind, title, targets,
 * dates) are missing. Incomplete rows (a basis without a document, a form without a name) are left out.
 */
export function toContent(v: FormValues | undefined): RequestContent | null {
  if (!v || !v.kind || trim(v.title).length < 2 || !v.targets?.length || !v.startsOn || !v.endsOn) return null;
  const change =
    v.changeCatalog && v.change?.action && v.change.kind && trim(v.change.reason).length >= 2 ? v.change : null;
  return {
    kind: v.kind,
    title: trim(v.title),
    description: trim(v.description),
    basis: (v.basis ?? [])
      .filter((b) => trim(b?.document).length >= 2 && b?.level)
      .map((b) => ({ document: trim(b.document), article: trim(b.article), level: b.level! })),
    targets: v.targets,
    startsOn: v.startsOn.format(DATE),
    endsOn: v.endsOn.format(DATE),
    funding: {
      provided: !!v.fundingProvided,
      amountYuan: v.fundingProvided ? (v.amountYuan ?? null) : null,
      source: v.fundingProvided ? trim(v.fundingSource) : '',
    },
    staffing: {
      provided: !!v.staffingProvided,
      people: v.staffingProvided ? (v.people ?? null) : null,
      description: v.staffingProvided ? trim(v.staffingDescription) : '',
    },
    dedicatedPost: !!v.dedicatedPost,
    forms: (v.forms ?? [])
      .filter((f) => trim(f?.name) && f?.frequency)
      .map((f) => ({ name: trim(f.name), frequency: f.frequency!, fields: trim(f.fields) })),
    catalogItemCode: trim(v.catalogItemCode) || null,
    catalogChange: change
      ? {
          action: change.action!,
          kind: change.kind!,
          itemCode: trim(change.itemCode) || null,
          name: trim(change.name) || null,
          reason: trim(change.reason),
        }
      : null,
  };
}

function fromContent(c: RequestContent): FormValues {
  return {
    kind: c.kind,
    title: c.title,
    description: c.description,
    dedicatedPost: c.dedicatedPost,
    basis: c.basis.length ? c.basis : [{ document: '', article: '', level: undefined }],
    targets: c.targets,
    startsOn: c.startsOn ? dayjs(c.startsOn) : null,
    endsOn: c.endsOn ? dayjs(c.endsOn) : null,
    fundingProvided: c.funding.provided,
    amountYuan: c.funding.amountYuan,
    fundingSource: c.funding.source,
    staffingProvided: c.staffing.provided,
    people: c.staffing.people,
    staffingDescription: c.staffing.description,
    forms: c.forms,
    catalogItemCode: c.catalogItemCode ?? '',
    changeCatalog: !!c.catalogChange,
    change: c.catalogChange
      ? { ...c.catalogChange, itemCode: c.catalogChange.itemCode ?? '', name: c.catalogChange.name ?? '' }
      : undefined,
  };
}

const EMPTY: FormValues = {
  kind: undefined,
  basis: [{ document: '', article: '', level: undefined }],
  targets: [],
  fundingProvided: false,
  staffingProvided: false,
  dedicatedPost: false,
  forms: [],
  changeCatalog: false,
};

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setV(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return v;
}

/** 准入申请 form: new (/admission/requests/new) or editing a draft or a returned request (/admission/requests/:id/edit). */
export default function RequestFormPage() {
  const { id } = useParams();
  const { t } = useI18n();
  const existing = useQuery({
    queryKey: admissionKeys.detail(id ?? ''),
    queryFn: () => getRequest(id!),
    enabled: !!id,
  });
  if (id && existing.isPending) return <PageSpin />;
  if (id && existing.error)
    return <Result status="404" title={t('admission.detail.notFound')} subTitle={existing.error.message} />;
  const detail = existing.data;
  if (detail && !detail.abilities.edit)
    return <Result status="warning" title={t('admission.form.frozen')} subTitle={t('admission.form.frozenSub')} />;
  return <RequestForm key={detail?.id ?? 'new'} detail={detail} />;
}

function RequestForm({ detail }: { detail?: RequestDetail }) {
  const { t } = useI18n();
  const label = useLabel();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const isMobile = useIsMobile();
  const { message } = useFeedback();
  const [form] = Form.useForm<FormValues>();
  const [saved, setSaved] = useState<{ id: string; version: number } | null>(
    detail ? { id: detail.id, version: detail.version } : null,
  );
  const initial = useMemo(() => (detail ? fromContent(detail.content as RequestContent) : EMPTY), [detail]);
  const initialTargets = useMemo<RegionOption[]>(
    () => (detail?.targets ?? []).map((x) => ({ code: x.regionCode, name: x.regionName, level: x.level })),
    [detail],
  );

  // Live pre-check: what the gate would say about the form as it stands (nothing is stored).
  const values = Form.useWatch((v: FormValues) => v, form);
  const content = useMemo(() => toContent(values), [values]);
  const key = useDebounced(content ? JSON.stringify(content) : '', 600);
  const pre = useQuery({
    queryKey: admissionKeys.precheck(key),
    queryFn: ({ signal }) => precheckContent(JSON.parse(key) as RequestContent, signal),
    enabled: key !== '',
    placeholderData: keepPreviousData,
    staleTime: 60_000,
    retry: false,
  });

  const save = async (): Promise<{ id: string; version: number }> => {
    const v = await form.validateFields();
    const c = toContent(v);
    if (!c) throw new Error('incomplete');
    const r = saved ? await updateRequest(saved.id, saved.version, c) : await createRequest(c);
    const next = { id: r.id, version: r.version };
    setSaved(next);
    qc.setQueryData(admissionKeys.detail(r.id), r);
    void qc.invalidateQueries({ queryKey: ['admission', 'list'] });
    return next;
  };

  const draft = useMutation({
    mutationFn: save,
    onSuccess: (r) => {
      message.success(t('admission.form.draftSaved'));
      if (!detail) navigate(`/admission/requests/${r.id}/edit`, { replace: true });
    },
  });
  const submit = useMutation({
    mutationFn: async () => {
      const r = await save();
      return submitRequest(r.id, r.version);
    },
    onSuccess: (r) => {
      qc.setQueryData(admissionKeys.detail(r.id), r);
      void qc.invalidateQueries({ queryKey: admissionKeys.all });
      message.success(
        t(
          `admission.form.submitted.${r.status === 'in_review' ? 'review' : r.status === 'refused' ? 'refused' : 'returned'}` as 'admission.form.submitted.review',
        ),
      );
      navigate(`/admission/requests/${r.id}`);
    },
  });
  const busy = draft.isPending || submit.isPending;
  const fundingProvided = Form.useWatch('fundingProvided', form);
  const staffingProvided = Form.useWatch('staffingProvided', form);
  const changeCatalog = Form.useWatch('changeCatalog', form);
  const required = (field: string) => ({ required: true, message: t('common.required', { field }) });

  const precheckCard = (
    <Card
      title={t('admission.precheck.live')}
      size="small"
      data-testid="live-precheck"
      extra={
        pre.isFetching ? <Typography.Text type="secondary">{t('admission.precheck.running')}</Typography.Text> : null
      }
    >
      {!content ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('admission.precheck.waiting')} />
      ) : pre.error ? (
        <Alert
          type="error"
          showIcon
          title={t('admission.precheck.failed')}
          description={isApiError(pre.error) ? pre.error.message : String(pre.error)}
        />
      ) : pre.data ? (
        <PrecheckView precheck={pre.data} compact={isMobile} />
      ) : (
        <Typography.Text type="secondary">{t('admission.precheck.running')}</Typography.Text>
      )}
    </Card>
  );

  return (
    <PageContainer
      title={detail ? t('admission.form.editTitle', { number: detail.number }) : t('admission.form.newTitle')}
    >
      {detail?.status === 'returned' ? (
        <Alert
          type="warning"
          showIcon
          title={t('admission.form.returnedNote', { revision: detail.revision })}
          style={{ marginBottom: 16 }}
        />
      ) : null}
      <Form<FormValues> form={form} layout="vertical" initialValues={initial} scrollToFirstError disabled={busy}>
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={15}>
            <Flex vertical gap={16}>
              <Card title={t('admission.form.what')} size="small">
                <Row gutter={16}>
                  <Col xs={24} md={10}>
                    <Form.Item
                      name="kind"
                      label={t('admission.form.kind')}
                      rules={[required(t('admission.form.kind'))]}
                    >
                      <Select
                        placeholder={t('admission.form.kindPlaceholder')}
                        options={REQUEST_KINDS.map((k) => ({ value: k, label: label(KIND_LABELS[k]) }))}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={14}>
                    <Form.Item
                      name="title"
                      label={t('admission.form.title')}
                      rules={[
                        required(t('admission.form.title')),
                        { min: 2, max: 100, message: t('admission.form.titleLength') },
                      ]}
                    >
                      <Input maxLength={100} placeholder={t('admission.form.titlePlaceholder')} />
                    </Form.Item>
                  </Col>
                </Row>
                <Form.Item name="description" label={t('admission.form.description')}>
                  <Input.TextArea
                    rows={3}
                    maxLength={2000}
                    showCount
                    placeholder={t('admission.form.descriptionPlaceholder')}
                  />
                </Form.Item>
                <Form.Item
                  name="dedicatedPost"
                  label={t('admission.form.dedicatedPost')}
                  valuePropName="checked"
                  extra={t('admission.form.dedicatedPostHelp')}
                  style={{ marginBottom: 0 }}
                >
                  <Switch checkedChildren={t('common.yes')} unCheckedChildren={t('common.no')} />
                </Form.Item>
              </Card>

              <Card title={t('admission.form.why')} size="small">
                <Typography.Paragraph type="secondary" style={{ fontSize: '0.75rem' }}>
                  {t('admission.form.basisHelp')}
                </Typography.Paragraph>
                <Form.List name="basis">
                  {(fields, { add, remove }) => (
                    <>
                      {fields.map((f, i) => (
                        <Row
                          key={f.key}
                          gutter={8}
                          align="top"
                          style={{ borderTop: i ? '1px dashed #f0f0f0' : undefined, paddingTop: i ? 8 : 0 }}
                        >
                          <Col xs={24} md={10}>
                            <Form.Item
                              name={[f.name, 'document']}
                              label={t('admission.form.basisDocument')}
                              rules={[{ min: 2, message: t('admission.form.basisDocumentShort') }]}
                            >
                              <Input maxLength={200} placeholder={t('admission.form.basisDocumentPlaceholder')} />
                            </Form.Item>
                          </Col>
                          <Col xs={12} md={5}>
                            <Form.Item name={[f.name, 'article']} label={t('admission.form.basisArticle')}>
                              <Input maxLength={100} placeholder={t('admission.form.basisArticlePlaceholder')} />
                            </Form.Item>
                          </Col>
                          <Col xs={12} md={7}>
                            <Form.Item
                              name={[f.name, 'level']}
                              label={t('admission.form.basisLevel')}
                              dependencies={[['basis', f.name, 'document']]}
                              rules={[
                                ({ getFieldValue }) => ({
                                  validator: (_r, v) =>
                                    trim(getFieldValue(['basis', f.name, 'document'])) && !v
                                      ? Promise.reject(new Error(t('admission.form.basisLevelRequired')))
                                      : Promise.resolve(),
                                }),
                              ]}
                            >
                              <Select
                                allowClear={CLEARABLE}
                                popupMatchSelectWidth={false}
                                options={BASIS_LEVELS.map((l) => ({ value: l, label: label(BASIS_LEVEL_LABELS[l]) }))}
                              />
                            </Form.Item>
                          </Col>
                          <Col
                            xs={24}
                            md={2}
                            style={{ textAlign: isMobile ? 'right' : 'center', paddingTop: isMobile ? 0 : 30 }}
                          >
                            <Button
                              type="text"
                              danger
                              icon={<DeleteOutlined />}
                              aria-label={t('admission.form.remove')}
                              onClick={() => remove(f.name)}
                            />
                          </Col>
                        </Row>
                      ))}
                      <Button
                        type="dashed"
                        icon={<PlusOutlined />}
                        onClick={() => add({ document: '', article: '' })}
                        block
                      >
                        {t('admission.form.addBasis')}
                      </Button>
                    </>
                  )}
                </Form.List>
              </Card>

              <Card title={t('admission.form.scope')} size="small">
                <Form.Item
                  name="targets"
                  label={t('admission.form.targets')}
                  rules={[{ required: true, type: 'array', min: 1, message: t('admission.form.targetsRequired') }]}
                  extra={t('admission.form.targetsHelp')}
                >
                  <RegionMultiSelect initial={initialTargets} />
                </Form.Item>
                <Row gutter={16}>
                  <Col xs={12}>
                    <Form.Item
                      name="startsOn"
                      label={t('admission.form.startsOn')}
                      rules={[required(t('admission.form.startsOn'))]}
                    >
                      <DatePicker format={DATE} style={{ width: '100%' }} inputReadOnly={isMobile} />
                    </Form.Item>
                  </Col>
                  <Col xs={12}>
                    <Form.Item
                      name="endsOn"
                      label={t('admission.form.endsOn')}
                      dependencies={['startsOn']}
                      rules={[
                        required(t('admission.form.endsOn')),
                        ({ getFieldValue }) => ({
                          validator: (_r, v: Dayjs | null) => {
                            const s = getFieldValue('startsOn') as Dayjs | null;
                            return v && s && v.isBefore(s, 'day')
                              ? Promise.reject(new Error(t('admission.form.endsBeforeStart')))
                              : Promise.resolve();
                          },
                        }),
                      ]}
                    >
                      <DatePicker format={DATE} style={{ width: '100%' }} inputReadOnly={isMobile} />
                    </Form.Item>
                  </Col>
                </Row>
              </Card>

              <Card title={t('admission.form.resources')} size="small">
                <Typography.Paragraph type="secondary" style={{ fontSize: '0.75rem' }}>
                  {t('admission.form.resourcesHelp')}
                </Typography.Paragraph>
                <Row gutter={16}>
                  <Col xs={24} md={12}>
                    <Form.Item
                      name="fundingProvided"
                      label={t('admission.form.fundingProvided')}
                      valuePropName="checked"
                    >
                      <Switch checkedChildren={t('common.yes')} unCheckedChildren={t('common.no')} />
                    </Form.Item>
                    {fundingProvided ? (
                      <>
                        <Form.Item name="amountYuan" label={t('admission.form.amountYuan')}>
                          <InputNumber
                            min={0}
                            max={10_000_000_000}
                            precision={0}
                            style={{ width: '100%' }}
                            suffix={t('admission.form.yuan')}
                          />
                        </Form.Item>
                        <Form.Item name="fundingSource" label={t('admission.form.fundingSource')}>
                          <Input maxLength={200} placeholder={t('admission.form.fundingSourcePlaceholder')} />
                        </Form.Item>
                      </>
                    ) : null}
                  </Col>
                  <Col xs={24} md={12}>
                    <Form.Item
                      name="staffingProvided"
                      label={t('admission.form.staffingProvided')}
                      valuePropName="checked"
                    >
                      <Switch checkedChildren={t('common.yes')} unCheckedChildren={t('common.no')} />
                    </Form.Item>
                    {staffingProvided ? (
                      <>
                        <Form.Item name="people" label={t('admission.form.people')}>
                          <InputNumber
                            min={0}
                            max={100_000}
                            precision={0}
                            style={{ width: '100%' }}
                            suffix={t('admission.form.persons')}
                          />
                        </Form.Item>
                        <Form.Item name="staffingDescription" label={t('admission.form.staffingDescription')}>
                          <Input maxLength={500} placeholder={t('admission.form.staffingDescriptionPlaceholder')} />
                        </Form.Item>
                      </>
                    ) : null}
                  </Col>
                </Row>
              </Card>

              <Card title={t('admission.form.forms')} size="small">
                <Typography.Paragraph type="secondary" style={{ fontSize: '0.75rem' }}>
                  {t('admission.form.formsHelp')}
                </Typography.Paragraph>
                <Form.List name="forms">
                  {(fields, { add, remove }) => (
                    <>
                      {fields.map((f, i) => (
                        <Row
                          key={f.key}
                          gutter={8}
                          style={{ borderTop: i ? '1px dashed #f0f0f0' : undefined, paddingTop: i ? 8 : 0 }}
                        >
                          <Col xs={24} md={8}>
                            <Form.Item
                              name={[f.name, 'name']}
                              label={t('admission.form.formName')}
                              rules={[required(t('admission.form.formName'))]}
                            >
                              <Input maxLength={100} />
                            </Form.Item>
                          </Col>
                          <Col xs={12} md={5}>
                            <Form.Item
                              name={[f.name, 'frequency']}
                              label={t('admission.form.formFrequency')}
                              rules={[required(t('admission.form.formFrequency'))]}
                            >
                              <Select
                                options={FREQUENCIES.map((x) => ({ value: x, label: label(FREQUENCY_LABELS[x]) }))}
                              />
                            </Form.Item>
                          </Col>
                          <Col xs={12} md={9}>
                            <Form.Item name={[f.name, 'fields']} label={t('admission.form.formFields')}>
                              <Input maxLength={500} placeholder={t('admission.form.formFieldsPlaceholder')} />
                            </Form.Item>
                          </Col>
                          <Col
                            xs={24}
                            md={2}
                            style={{ textAlign: isMobile ? 'right' : 'center', paddingTop: isMobile ? 0 : 30 }}
                          >
                            <Button
                              type="text"
                              danger
                              icon={<DeleteOutlined />}
                              aria-label={t('admission.form.remove')}
                              onClick={() => remove(f.name)}
                            />
                          </Col>
                        </Row>
                      ))}
                      <Button
                        type="dashed"
                        icon={<PlusOutlined />}
                        onClick={() => add({ name: '', frequency: 'once', fields: '' })}
                        block
                      >
                        {t('admission.form.addForm')}
                      </Button>
                    </>
                  )}
                </Form.List>
              </Card>

              <Card title={t('admission.form.catalog')} size="small">
                <Form.Item
                  name="catalogItemCode"
                  label={t('admission.form.catalogItemCode')}
                  extra={t('admission.form.catalogItemCodeHelp')}
                >
                  <Input maxLength={40} style={{ maxWidth: 320 }} />
                </Form.Item>
                <Form.Item
                  name="changeCatalog"
                  label={t('admission.form.changeCatalog')}
                  valuePropName="checked"
                  style={{ marginBottom: changeCatalog ? undefined : 0 }}
                >
                  <Switch checkedChildren={t('common.yes')} unCheckedChildren={t('common.no')} />
                </Form.Item>
                {changeCatalog ? (
                  <Row gutter={16}>
                    <Col xs={12} md={6}>
                      <Form.Item
                        name={['change', 'action']}
                        label={t('admission.form.changeAction')}
                        rules={[required(t('admission.form.changeAction'))]}
                      >
                        <Select
                          options={(['add', 'amend', 'withdraw'] as const).map((a) => ({
                            value: a,
                            label: label(CHANGE_ACTION_LABELS[a]),
                          }))}
                        />
                      </Form.Item>
                    </Col>
                    <Col xs={12} md={6}>
                      <Form.Item
                        name={['change', 'kind']}
                        label={t('admission.form.changeKind')}
                        rules={[required(t('admission.form.changeKind'))]}
                      >
                        <Select
                          popupMatchSelectWidth={false}
                          options={CHANGEABLE_CATALOG_KINDS.map((k) => ({
                            value: k,
                            label: label(CATALOG_KIND_LABELS[k]),
                          }))}
                        />
                      </Form.Item>
                    </Col>
                    <Col xs={12} md={6}>
                      <Form.Item name={['change', 'itemCode']} label={t('admission.form.changeItemCode')}>
                        <Input maxLength={40} />
                      </Form.Item>
                    </Col>
                    <Col xs={12} md={6}>
                      <Form.Item name={['change', 'name']} label={t('admission.form.changeName')}>
                        <Input maxLength={100} />
                      </Form.Item>
                    </Col>
                    <Col xs={24}>
                      <Form.Item
                        name={['change', 'reason']}
                        label={t('admission.form.changeReason')}
                        rules={[
                          required(t('admission.form.changeReason')),
                          { min: 2, message: t('admission.form.changeReason') },
                        ]}
                      >
                        <Input.TextArea rows={2} maxLength={500} />
                      </Form.Item>
                    </Col>
                  </Row>
                ) : null}
              </Card>
            </Flex>
          </Col>

          <Col xs={24} lg={9}>
            <div style={isMobile ? undefined : { position: 'sticky', top: 72 }}>
              <Flex vertical gap={16}>
                {precheckCard}
                <Card size="small">
                  <Typography.Paragraph type="secondary" style={{ fontSize: '0.75rem' }}>
                    {t('admission.form.submitHelp')}
                  </Typography.Paragraph>
                  <Space wrap>
                    <Button
                      icon={<SaveOutlined />}
                      loading={draft.isPending}
                      disabled={busy}
                      onClick={() => draft.mutate()}
                      data-testid="save-draft"
                    >
                      {t('admission.form.saveDraft')}
                    </Button>
                    <Popconfirm
                      title={t('admission.form.submitConfirm')}
                      okText={t('admission.form.submit')}
                      cancelText={t('common.cancel')}
                      onConfirm={() => submit.mutateAsync().catch(() => undefined)}
                    >
                      <Button
                        type="primary"
                        icon={<SendOutlined />}
                        loading={submit.isPending}
                        disabled={busy}
                        data-testid="submit-request"
                      >
                        {t('admission.form.submit')}
                      </Button>
                    </Popconfirm>
                    <Button
                      type="link"
                      onClick={() => navigate(saved ? `/admission/requests/${saved.id}` : '/admission/requests')}
                    >
                      {t('common.cancel')}
                    </Button>
                  </Space>
                </Card>
              </Flex>
            </div>
          </Col>
        </Row>
      </Form>
    </PageContainer>
  );
}
