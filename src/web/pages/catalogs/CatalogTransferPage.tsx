import { useEffect, useMemo, useRef, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Col,
  DatePicker,
  Flex,
  Form,
  Progress,
  Row,
  Select,
  Table,
  Typography,
  Upload,
  type TableColumnsType,
} from 'antd';
import { FileExcelOutlined, InboxOutlined, UploadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useMe } from '../../api/auth.js';
import { PageContainer } from '../../components/PageContainer.js';
import { RegionSelect } from '../../components/RegionSelect.js';
import { useFeedback } from '../../components/feedback.js';
import { ExportButton, useExporter } from '../../components/ExportButton.js';
import { useIsMobile } from '../../components/useIsMobile.js';
import { useSearchPatch } from '../../hooks/useSearchPatch.js';
import { useI18n } from '../../i18n/index.js';
import {
  catalogKeys,
  downloadTemplate,
  exportCatalog,
  exportEffective,
  getJob,
  jobErrorMessage,
  jobRowErrors,
  listCatalogs,
  uploadImport,
  type ImportResult,
  type RowError,
} from './catalogs.api.js';
import { byKind, catalogOption, CompletenessNote, CompletenessTag, LayerTag, todayStr } from './CatalogTags.js';

const MAX_BYTES = 20 * 1024 * 1024;

/** Polls an import job until it succeeds or fails; the row errors of a refused file come back in a table. */
function ImportJob({ jobId }: { jobId: string }) {
  const { t } = useI18n();
  const isMobile = useIsMobile();
  const qc = useQueryClient();
  const job = useQuery({
    queryKey: catalogKeys.job(jobId),
    queryFn: () => getJob(jobId),
    refetchInterval: (q) =>
      q.state.data && (q.state.data.status === 'succeeded' || q.state.data.status === 'failed') ? false : 500,
  });
  const j = job.data;
  const done = j?.status === 'succeeded' || j?.status === 'failed';
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (j?.status === 'succeeded') void qc.invalidateQueries({ queryKey: catalogKeys.all });
    if (done) box.current?.scrollIntoView({ behavior: 'smooth', block: 'nearest' });
  }, [j?.status, done, qc]);

  const errorColumns: TableColumnsType<RowError & { k: number }> = isMobile
    ? [
        {
          title: t('transfer.where'),
          key: 'm',
          render: (_: unknown, e) => (
            <div>
              <Typography.Text type="secondary" style={{ fontSize: '0.75rem' }}>
                {[e.sheet, e.row ? t('transfer.rowN', { n: e.row }) : null, e.column].filter(Boolean).join(' · ')}
              </Typography.Text>
              <div style={{ wordBreak: 'break-word' }}>{e.message}</div>
            </div>
          ),
        },
      ]
    : [
        { title: t('transfer.sheet'), dataIndex: 'sheet', width: 110, render: (v?: string) => v ?? '—' },
        {
          title: t('transfer.row'),
          dataIndex: 'row',
          width: 90,
          render: (v?: number) => (v ? t('transfer.rowN', { n: v }) : '—'),
        },
        { title: t('transfer.column'), dataIndex: 'column', width: 150, render: (v?: string) => v ?? '—' },
        {
          title: t('transfer.message'),
          dataIndex: 'message',
          render: (v: string) => <span style={{ wordBreak: 'break-word' }}>{v}</span>,
        },
      ];

  if (job.error) return <Alert type="error" showIcon title={t('transfer.jobLost')} description={job.error.message} />;
  const percent = j && j.total > 0 ? Math.round((j.progress / j.total) * 100) : done ? 100 : 0;
  const errors = jobRowErrors(j);
  const result = j?.status === 'succeeded' ? (j.result as ImportResult | null) : null;
  return (
    <div data-testid="import-job" ref={box}>
      <Progress
        percent={j?.status === 'failed' ? 100 : percent}
        status={j?.status === 'failed' ? 'exception' : j?.status === 'succeeded' ? 'success' : 'active'}
        aria-label={t('common.progress')}
        data-testid="import-progress"
      />
      <Typography.Text type="secondary" style={{ fontSize: '0.75rem' }}>
        {!j
          ? t('transfer.queued')
          : j.status === 'pending'
            ? t('transfer.queued')
            : j.status === 'running'
              ? (j.message ?? t('transfer.running'))
              : null}
      </Typography.Text>
      {result ? (
        <Alert
          type="success"
          showIcon
          style={{ marginTop: 12 }}
          title={t('transfer.succeeded')}
          description={t('transfer.result', {
            rows: result.rows,
            added: result.added,
            changed: result.changed,
            unchanged: result.unchanged,
          })}
          data-testid="import-success"
        />
      ) : null}
      {j?.status === 'failed' ? (
        <>
          <Alert
            type="error"
            showIcon
            style={{ marginTop: 12 }}
            title={t('transfer.refused')}
            description={jobErrorMessage(j) ?? t('transfer.refusedSub')}
            data-testid="import-refused"
          />
          {errors.length ? (
            <Table<RowError & { k: number }>
              style={{ marginTop: 12 }}
              size="small"
              rowKey="k"
              data-testid="import-errors"
              dataSource={errors.map((e, k) => ({ ...e, k }))}
              pagination={
                errors.length > 20
                  ? {
                      pageSize: 20,
                      size: 'small',
                      showSizeChanger: false,
                      showTotal: (total) => t('transfer.errorCount', { n: total }),
                    }
                  : false
              }
              title={() => <Typography.Text strong>{t('transfer.errorCount', { n: errors.length })}</Typography.Text>}
              columns={errorColumns}
            />
          ) : null}
        </>
      ) : null}
    </div>
  );
}

/**
 * 导入导出: import an official annex table into a catalog (template, upload, progress, row errors;
 * all or nothing) and export a catalog or a region's effective catalog as it stood on a date.
 */
export default function CatalogTransferPage() {
  const { t } = useI18n();
  const { message } = useFeedback();
  const { data: me } = useMe();
  const [params, set] = useSearchPatch();
  const today = todayStr();
  const catalogs = useQuery({ queryKey: catalogKeys.list(undefined), queryFn: () => listCatalogs() });
  const importable = useMemo(() => (catalogs.data ?? []).filter((c) => c.abilities.import), [catalogs.data]);

  const [catalogId, setCatalogId] = useState<string | undefined>(params.get('catalog') ?? undefined);
  const [file, setFile] = useState<File | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const chosen = (catalogs.data ?? []).find((c) => c.id === catalogId);

  const [region, setRegion] = useState<string | undefined>(me?.region?.code);
  const [effDate, setEffDate] = useState(today);
  const [expCatalog, setExpCatalog] = useState<string | undefined>(params.get('catalog') ?? undefined);
  const [expDate, setExpDate] = useState(today);

  const upload = useMutation({
    mutationFn: () => uploadImport(catalogId!, file!),
    onSuccess: (r) => setJobId(r.jobId),
  });
  const exporter = useExporter(t('catalogs.exported'));
  const template = useMutation({ mutationFn: downloadTemplate });

  const pickCatalog = (id: string) => {
    setCatalogId(id);
    setJobId(null);
    upload.reset();
    set({ catalog: id });
  };

  return (
    <PageContainer title={t('transfer.title')}>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card title={t('transfer.importTitle')} data-testid="import-card">
            {importable.length === 0 && !catalogs.isPending ? (
              <Alert type="info" showIcon title={t('transfer.noImport')} />
            ) : (
              <Form layout="vertical">
                <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('transfer.importNote')} />
                <Form.Item label={t('transfer.targetCatalog')} htmlFor="transfer-target-catalog" required>
                  <Select
                    id="transfer-target-catalog"
                    value={catalogId}
                    onChange={pickCatalog}
                    loading={catalogs.isPending}
                    placeholder={t('transfer.catalogPlaceholder')}
                    showSearch={{
                      filterOption: (input, option) =>
                        String((option as { search?: string })?.search ?? '').includes(input.trim()),
                    }}
                    options={byKind(t, importable, catalogOption)}
                    data-testid="import-catalog"
                  />
                </Form.Item>
                {chosen ? (
                  <div style={{ marginTop: -8, marginBottom: 16 }}>
                    <Flex gap={6} wrap align="center">
                      <LayerTag layer={chosen.layer} province={chosen.province} />
                      <CompletenessTag complete={chosen.complete} note={chosen.completenessNote} />
                      <Typography.Text type="secondary" style={{ fontSize: '0.75rem' }}>
                        {t('catalogs.itemCount', { n: chosen.itemCount })}
                      </Typography.Text>
                    </Flex>
                    <CompletenessNote
                      complete={chosen.complete}
                      note={chosen.completenessNote}
                      style={{ marginTop: 4 }}
                    />
                    {chosen.importNote ? <CompletenessNote complete={false} note={chosen.importNote} /> : null}
                  </div>
                ) : null}
                <Form.Item label={t('transfer.file')} required extra={t('transfer.fileHelp')}>
                  <Upload.Dragger
                    accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                    multiple={false}
                    maxCount={1}
                    fileList={file ? [{ uid: 'f', name: file.name, size: file.size, status: 'done' }] : []}
                    beforeUpload={(f) => {
                      if (!/\.xlsx$/i.test(f.name)) {
                        message.error(t('transfer.notXlsx'));
                        return Upload.LIST_IGNORE;
                      }
                      if (f.size > MAX_BYTES) {
                        message.error(t('transfer.tooLarge'));
                        return Upload.LIST_IGNORE;
                      }
                      setFile(f);
                      setJobId(null);
                      upload.reset();
                      return false;
                    }}
                    onRemove={() => {
                      setFile(null);
                      return true;
                    }}
                    data-testid="import-file"
                  >
                    <p className="ant-upload-drag-icon">
                      <InboxOutlined />
                    </p>
                    <p className="ant-upload-text">{t('transfer.drop')}</p>
                  </Upload.Dragger>
                </Form.Item>
                <Flex gap={8} wrap>
                  <Button
                    icon={<FileExcelOutlined />}
                    onClick={() => template.mutate()}
                    loading={template.isPending}
                    data-testid="template-download"
                  >
                    {t('transfer.template')}
                  </Button>
                  <Button
                    type="primary"
                    icon={<UploadOutlined />}
                    disabled={!catalogId || !file}
                    loading={upload.isPending}
                    onClick={() => {
                      setJobId(null);
                      upload.mutate();
                    }}
                    data-testid="import-start"
                  >
                    {t('transfer.start')}
                  </Button>
                </Flex>
                {upload.error ? (
                  <Alert
                    type="error"
                    showIcon
                    style={{ marginTop: 16 }}
                    title={t('transfer.uploadFailed')}
                    description={upload.error.message}
                  />
                ) : null}
                {jobId ? (
                  <div style={{ marginTop: 16 }}>
                    <ImportJob key={jobId} jobId={jobId} />
                  </div>
                ) : null}
              </Form>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card title={t('transfer.exportEffectiveTitle')} style={{ marginBottom: 16 }}>
            <Typography.Paragraph type="secondary" style={{ fontSize: '0.8125rem' }}>
              {t('transfer.exportEffectiveNote')}
            </Typography.Paragraph>
            <Form layout="vertical">
              <Form.Item label={t('catalogs.region')} htmlFor="transfer-effective-region">
                <RegionSelect id="transfer-effective-region" value={region} onChange={(c) => setRegion(c)} />
              </Form.Item>
              <Form.Item label={t('catalogs.asOf')} htmlFor="transfer-effective-date">
                <DatePicker
                  id="transfer-effective-date"
                  value={dayjs(effDate)}
                  allowClear={false}
                  onChange={(d) => d && setEffDate(d.format('YYYY-MM-DD'))}
                  style={{ width: '100%' }}
                />
              </Form.Item>
              <ExportButton block disabled={!region} exporter={exporter} run={() => exportEffective(region!, effDate)}>
                {t('catalogs.exportEffective')}
              </ExportButton>
            </Form>
          </Card>
          <Card title={t('transfer.exportCatalogTitle')}>
            <Typography.Paragraph type="secondary" style={{ fontSize: '0.8125rem' }}>
              {t('transfer.exportCatalogNote')}
            </Typography.Paragraph>
            <Form layout="vertical">
              <Form.Item label={t('catalogs.catalog')} htmlFor="transfer-export-catalog">
                <Select
                  id="transfer-export-catalog"
                  value={expCatalog}
                  onChange={setExpCatalog}
                  placeholder={t('transfer.catalogPlaceholder')}
                  showSearch={{
                    filterOption: (input, option) =>
                      String((option as { search?: string })?.search ?? '').includes(input.trim()),
                  }}
                  options={byKind(t, catalogs.data ?? [], catalogOption)}
                />
              </Form.Item>
              <Form.Item label={t('catalogs.asOf')} htmlFor="transfer-export-date">
                <DatePicker
                  id="transfer-export-date"
                  value={dayjs(expDate)}
                  allowClear={false}
                  onChange={(d) => d && setExpDate(d.format('YYYY-MM-DD'))}
                  style={{ width: '100%' }}
                />
              </Form.Item>
              <ExportButton
                block
                disabled={!expCatalog}
                exporter={exporter}
                run={() => exportCatalog(expCatalog!, expDate)}
              >
                {t('catalogs.exportOne')}
              </ExportButton>
            </Form>
          </Card>
        </Col>
      </Row>
    </PageContainer>
  );
}
