import { useEffect, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Dropdown, Flex, Modal, Progress, Select, Table, Typography, Upload } from 'antd';
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { isApiError } from '../../api/client.js';
import { useFeedback } from '../../components/feedback.js';
import { useIsMobile } from '../../components/useIsMobile.js';
import { useI18n } from '../../i18n/index.js';
import { isMessageKey } from '../../../shared/i18n.js';
import type { RowError } from '../../../shared/errors.js';
import { CATEGORIES, type Category } from '../../../shared/campaigns.codes.js';
import { downloadTemplate, getJob, importLedgers, importOutcome, ledgerKeys } from './ledgers.api.js';
import { CLEARABLE } from '../../components/ClearIcon.js';

/** 下载模板: the whole workbook or one category's sheet. */
export function TemplateButton({ size }: { size?: 'small' | 'middle' }) {
  const { t } = useI18n();
  const { message } = useFeedback();
  const get = (c: Category | 'all') =>
    void downloadTemplate(
      c,
      c === 'all'
        ? t('campaigns.template.all')
        : t('campaigns.template.one', { category: t(`campaigns.category.${c}`) }),
    )
      .then(() => message.success(t('ledgers.templateDownloaded')))
      .catch(() => undefined);
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: [
          { key: 'all', label: t('ledgers.templateAll') },
          ...CATEGORIES.map((c) => ({
            key: c,
            label: t('ledgers.templateOne', { category: t(`campaigns.category.${c}`) }),
          })),
        ],
        onClick: ({ key }) => get(key as Category | 'all'),
      }}
    >
      <Button size={size} icon={<DownloadOutlined />} data-testid="template-button">
        {t('ledgers.template')}
      </Button>
    </Dropdown>
  );
}

/** The import job's progress, then what it wrote or the rows that refused the file (polled until it ends). */
function ImportJob({ jobId }: { jobId: string }) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const job = useQuery({
    queryKey: ['jobs', jobId],
    queryFn: () => getJob(jobId),
    refetchInterval: (q) => (q.state.data?.status === 'succeeded' || q.state.data?.status === 'failed' ? false : 500),
  });
  const j = job.data;
  const { result, failure } = importOutcome(j);
  useEffect(() => {
    if (result) void qc.invalidateQueries({ queryKey: ledgerKeys.all });
  }, [result, qc]);
  // A row error is shown in the user's language when the server keyed it.
  const text = (e: RowError) => (e.key && isMessageKey(e.key) ? t(e.key, e.params) : e.message);
  if (job.error)
    return <Alert type="error" showIcon title={t('ledgers.importFailed')} description={job.error.message} />;
  const done = !!result || !!failure;
  const percent = j && j.total > 0 ? Math.round((j.progress / j.total) * 100) : done ? 100 : 0;
  return (
    <div style={{ marginTop: 12 }} data-testid="import-job">
      <Progress
        percent={percent}
        status={failure ? 'exception' : result ? 'success' : 'active'}
        data-testid="import-progress"
      />
      {!done ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {j?.status === 'running' ? t('ledgers.importing') : t('ledgers.importQueued')}
        </Typography.Text>
      ) : null}
      {result ? (
        <Alert
          type="success"
          showIcon
          style={{ marginTop: 12 }}
          data-testid="import-result"
          title={t('ledgers.importDone', { rows: result.rows, ledgers: result.ledgers })}
          description={t('ledgers.importCounts', {
            inserted: result.inserted,
            updated: result.updated,
            unchanged: result.unchanged,
          })}
        />
      ) : null}
      {failure ? (
        <ImportFailure
          message={
            failure.errors.length ? t('ledgers.importErrorCount', { n: failure.errors.length }) : failure.message
          }
          errors={failure.errors.slice(0, 1000).map((e) => ({ ...e, message: text(e) }))}
        />
      ) : null}
    </div>
  );
}

/** A refused file: nothing was written; every problem with its sheet, row and column. */
function ImportFailure({ message, errors }: { message: string; errors: RowError[] }) {
  const { t } = useI18n();
  return (
    <div style={{ marginTop: 12 }} data-testid="import-errors">
      <Alert
        type="error"
        showIcon
        title={t('ledgers.importFailed')}
        description={message}
        style={{ marginBottom: 8 }}
      />
      {errors.length ? (
        <Table<RowError & { k: number }>
          size="small"
          rowKey="k"
          dataSource={errors.map((e, k) => ({ ...e, k }))}
          pagination={errors.length > 20 ? { pageSize: 20, size: 'small' } : false}
          scroll={{ x: 'max-content' }}
          columns={[
            { title: t('ledgers.importSheet'), dataIndex: 'sheet', render: (v?: string) => v ?? '—' },
            { title: t('ledgers.importRow'), dataIndex: 'row', render: (v?: number) => v ?? '—' },
            { title: t('ledgers.importColumn'), dataIndex: 'column', render: (v?: string) => v ?? '—' },
            { title: t('ledgers.importProblem'), dataIndex: 'message' },
          ]}
        />
      ) : null}
    </div>
  );
}

/**
 * Spreadsheet import, all or nothing, as a background job: the upload answers with the job, whose
 * progress the dialog polls. A refused file lists every problem (sheet, row, column) in a table and
 * writes nothing; a good file reports what was added, changed and left as it was.
 */
export function ImportModal({
  campaignId,
  open,
  onClose,
  scopeNote,
}: {
  campaignId: string;
  open: boolean;
  onClose: () => void;
  scopeNote?: string;
}) {
  const { t } = useI18n();
  const isMobile = useIsMobile();
  const [category, setCategory] = useState<Category | undefined>();
  const [uploading, setUploading] = useState(false);
  const [jobId, setJobId] = useState<string | null>(null);
  const [refused, setRefused] = useState<string | null>(null);

  const run = async (file: File) => {
    setUploading(true);
    setJobId(null);
    setRefused(null);
    try {
      setJobId((await importLedgers(campaignId, file, category)).jobId);
    } catch (e) {
      setRefused(isApiError(e) ? e.message : String(e));
    } finally {
      setUploading(false);
    }
  };

  const close = () => {
    setJobId(null);
    setRefused(null);
    onClose();
  };

  return (
    <Modal
      open={open}
      title={t('ledgers.importTitle')}
      onCancel={close}
      footer={<Button onClick={close}>{t('common.close')}</Button>}
      width={isMobile ? '100%' : 760}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{scopeNote ?? t('ledgers.importNote')}</Typography.Paragraph>
      <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
        <Select
          allowClear={CLEARABLE}
          placeholder={t('ledgers.importAllSheets')}
          aria-label={t('ledgers.importAllSheets')}
          value={category}
          onChange={setCategory}
          style={{ minWidth: 200 }}
          options={CATEGORIES.map((c) => ({
            value: c,
            label: t('ledgers.importOnly', { category: t(`campaigns.category.${c}`) }),
          }))}
        />
        <TemplateButton />
      </Flex>
      <Upload.Dragger
        accept=".xlsx"
        multiple={false}
        showUploadList={false}
        disabled={uploading}
        beforeUpload={(file) => {
          void run(file as File);
          return false;
        }}
        data-testid="import-dragger"
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{uploading ? t('ledgers.importing') : t('ledgers.importDrop')}</p>
        <p className="ant-upload-hint">{t('ledgers.importHint')}</p>
      </Upload.Dragger>
      {jobId ? <ImportJob key={jobId} jobId={jobId} /> : null}
      {refused ? <ImportFailure message={refused} errors={[]} /> : null}
    </Modal>
  );
}
