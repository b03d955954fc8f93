import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Dropdown, Flex, Modal, Select, Table, Typography, Upload } from 'antd';
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { isApiError } from '../../api/client.js';
import { useFeedback } from '../../components/feedback.js';
import { useIsMobile } from '../../components/useIsMobile.js';
import { useI18n, useLabel } from '../../i18n/index.js';
import { CATEGORIES, CATEGORY_LABELS, type Category } from '../campaigns/campaigns.labels.js';
import { downloadTemplate, importLedgers, ledgerKeys, type ImportResult, type ImportRowError } from './ledgers.api.js';
import { CLEARABLE } from '../../components/ClearIcon.js';

/** 下载模板: the whole workbook or one category's sheet. */
export function TemplateButton({ size }: { size?: 'small' | 'middle' }) {
  const { t } = useI18n();
  const label = useLabel();
  const { message } = useFeedback();
  const get = (c: Category | 'all') =>
    void downloadTemplate(c, c === 'all' ? '自查台账导入模板.xlsx' : `${CATEGORY_LABELS[c].zh}台账导入模板.xlsx`)
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
            label: t('ledgers.templateOne', { category: label(CATEGORY_LABELS[c]) }),
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

/**
 * Spreadsheet import: all-or-nothing. A refused file lists every problem (sheet, row, column) in a
 * table and writes nothing; a good file reports what was added, changed and left as it was.
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
  const label = useLabel();
  const qc = useQueryClient();
  const isMobile = useIsMobile();
  const [category, setCategory] = useState<Category | undefined>();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [failure, setFailure] = useState<{ message: string; errors: ImportRowError[] } | null>(null);

  const run = async (file: File) => {
    setBusy(true);
    setResult(null);
    setFailure(null);
    try {
      const r = await importLedgers(campaignId, file, category);
      setResult(r);
      await qc.invalidateQueries({ queryKey: ledgerKeys.all });
    } catch (e) {
      if (isApiError(e)) {
        const errors = ((e.details as { errors?: ImportRowError[] } | undefined)?.errors ?? []).slice(0, 1000);
        setFailure({ message: e.message, errors });
      } else setFailure({ message: String(e), errors: [] });
    } finally {
      setBusy(false);
    }
  };

  const close = () => {
    setResult(null);
    setFailure(null);
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
            label: t('ledgers.importOnly', { category: label(CATEGORY_LABELS[c]) }),
          }))}
        />
        <TemplateButton />
      </Flex>
      <Upload.Dragger
        accept=".xlsx"
        multiple={false}
        showUploadList={false}
        disabled={busy}
        beforeUpload={(file) => {
          void run(file as File);
          return false;
        }}
        data-testid="import-dragger"
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{busy ? t('ledgers.importing') : t('ledgers.importDrop')}</p>
        <p className="ant-upload-hint">{t('ledgers.importHint')}</p>
      </Upload.Dragger>
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
        <div style={{ marginTop: 12 }} data-testid="import-errors">
          <Alert
            type="error"
            showIcon
            title={t('ledgers.importFailed')}
            description={failure.message}
            style={{ marginBottom: 8 }}
          />
          {failure.errors.length ? (
            <Table<ImportRowError & { k: number }>
              size="small"
              rowKey="k"
              dataSource={failure.errors.map((e, k) => ({ ...e, k }))}
              pagination={failure.errors.length > 20 ? { pageSize: 20, size: 'small' } : false}
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
      ) : null}
    </Modal>
  );
}
