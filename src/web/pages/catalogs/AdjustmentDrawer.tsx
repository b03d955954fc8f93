import { useState } from 'react';
import { Link } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Descriptions,
  Drawer,
  Flex,
  Input,
  Modal,
  Popconfirm,
  Result,
  Skeleton,
  Table,
  Tag,
  Typography,
} from 'antd';
import {
  CheckOutlined,
  CloseOutlined,
  DiffOutlined,
  EditOutlined,
  NotificationOutlined,
  RollbackOutlined,
  SendOutlined,
} from '@ant-design/icons';
import dayjs from 'dayjs';
import { fmtTime } from '../../components/format.js';
import { useFeedback } from '../../components/feedback.js';
import { useIsMobile } from '../../components/useIsMobile.js';
import { EDITABLE_FIELDS } from '../../../shared/catalogs.enums.js';
import { useI18n } from '../../i18n/index.js';
import {
  adjustmentAction,
  catalogKeys,
  getAdjustment,
  type AdjustmentAction,
  type AdjustmentDto,
} from './catalogs.api.js';
import { OperationTag, StatusTag, todayStr } from './CatalogTags.js';
import { AdjustmentFormDrawer } from './AdjustmentFormDrawer.js';

const show = (v: unknown) => (v === null || v === undefined || v === '' ? '—' : String(v));

/** The diff page link that shows what this adjustment changes (from the day before it takes effect). */
export function diffLinkFor(a: Pick<AdjustmentDto, 'targetRegion' | 'effectiveDate' | 'effectiveFrom'>) {
  const on = a.effectiveFrom ?? a.effectiveDate;
  const today = todayStr();
  const from = on > today ? today : dayjs(on).subtract(1, 'day').format('YYYY-MM-DD');
  return `/catalogs/diff?region=${a.targetRegion.code}&from=${from}&to=${on}`;
}

/** One adjustment: what it changes, why, who proposed and decided it, and the actions its `abilities` allow. */
export function AdjustmentDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useI18n();
  const isMobile = useIsMobile();
  const qc = useQueryClient();
  const { message } = useFeedback();
  const [editing, setEditing] = useState(false);
  const [noteFor, setNoteFor] = useState<'approve' | 'reject' | null>(null);
  const [note, setNote] = useState('');

  const q = useQuery({ queryKey: catalogKeys.adjustment(id ?? ''), queryFn: () => getAdjustment(id!), enabled: !!id });
  const a = q.data;

  const act = useMutation({
    mutationFn: ({ action, note }: { action: AdjustmentAction; note?: string }) =>
      adjustmentAction(a!.id, action, a!.version, note),
    onSuccess: (updated, { action }) => {
      qc.setQueryData(catalogKeys.adjustment(updated.id), updated);
      void qc.invalidateQueries({ queryKey: catalogKeys.all });
      message.success(t(`adjust.done.${action}`));
      setNoteFor(null);
      setNote('');
    },
    onError: () => void q.refetch(),
  });

  const busy = (x: AdjustmentAction) => act.isPending && act.variables?.action === x;

  const changesTable = (adj: AdjustmentDto) => {
    if (adj.operation !== 'add' && adj.operation !== 'amend') return null;
    const changes = (adj.changes ?? {}) as Record<string, unknown>;
    const current = (adj.current ?? {}) as Record<string, unknown>;
    const rows = EDITABLE_FIELDS.filter((k) => k in changes).map((k) => ({
      key: k,
      field: t(`catalogs.field.${k}`),
      before: current[k],
      after: changes[k],
    }));
    return (
      <>
        <Typography.Title level={2} className="jf-h-small" style={{ marginTop: 16 }}>
          {adj.operation === 'add' ? t('adjust.newItem') : t('adjust.changes')}
        </Typography.Title>
        <Table
          size="small"
          pagination={false}
          rowKey="key"
          scroll={{ x: 'max-content' }}
          dataSource={rows}
          columns={[
            { title: t('adjust.field'), dataIndex: 'field', width: 120 },
            ...(adj.operation === 'amend'
              ? [
                  {
                    title: t('adjust.before'),
                    dataIndex: 'before',
                    render: (v: unknown) => <span style={{ whiteSpace: 'pre-wrap' }}>{show(v)}</span>,
                  },
                ]
              : []),
            {
              title: adj.operation === 'amend' ? t('adjust.after') : t('adjust.value'),
              dataIndex: 'after',
              render: (v: unknown) => <span style={{ whiteSpace: 'pre-wrap' }}>{show(v)}</span>,
            },
          ]}
        />
      </>
    );
  };

  const actions = (adj: AdjustmentDto) => {
    const ab = adj.abilities;
    return (
      <Flex gap={8} wrap justify="flex-end">
        {ab.edit ? (
          <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
            {t('adjust.edit')}
          </Button>
        ) : null}
        {ab.cancel ? (
          <Popconfirm
            title={t('adjust.cancelConfirm')}
            onConfirm={() => act.mutate({ action: 'cancel' })}
            okText={t('adjust.cancel')}
            cancelText={t('common.cancel')}
          >
            <Button icon={<RollbackOutlined />} loading={busy('cancel')}>
              {t('adjust.cancel')}
            </Button>
          </Popconfirm>
        ) : null}
        {ab.submit ? (
          <Button
            type="primary"
            icon={<SendOutlined />}
            loading={busy('submit')}
            onClick={() => act.mutate({ action: 'submit' })}
            data-testid="adjustment-submit"
          >
            {t('adjust.submit')}
          </Button>
        ) : null}
        {ab.reject ? (
          <Button danger icon={<CloseOutlined />} onClick={() => setNoteFor('reject')} data-testid="adjustment-reject">
            {t('adjust.reject')}
          </Button>
        ) : null}
        {ab.approve ? (
          <Button
            type="primary"
            icon={<CheckOutlined />}
            onClick={() => setNoteFor('approve')}
            data-testid="adjustment-approve"
          >
            {t('adjust.approve')}
          </Button>
        ) : null}
        {ab.publish ? (
          <Popconfirm
            title={t('adjust.publishConfirm')}
            onConfirm={() => act.mutate({ action: 'publish' })}
            okText={t('adjust.publish')}
            cancelText={t('common.cancel')}
          >
            <Button icon={<NotificationOutlined />} loading={busy('publish')} data-testid="adjustment-publish">
              {t('adjust.publish')}
            </Button>
          </Popconfirm>
        ) : null}
      </Flex>
    );
  };

  let body;
  if (!id) body = null;
  else if (q.isPending) body = <Skeleton active paragraph={{ rows: 8 }} />;
  else if (q.error || !a)
    body = (
      <Result
        status="warning"
        title={t('common.loadFailed')}
        subTitle={q.error?.message}
        extra={<Button onClick={() => void q.refetch()}>{t('common.retry')}</Button>}
      />
    );
  else
    body = (
      <div data-testid="adjustment-detail">
        <Flex gap={6} wrap align="center" style={{ marginBottom: 12 }}>
          <OperationTag operation={a.operation} />
          <StatusTag status={a.status} />
          {a.status === 'approved' ? (
            <Tag color={a.inEffect ? 'green' : 'gold'}>
              {a.inEffect ? t('adjust.inEffect') : t('adjust.scheduled', { date: a.effectiveFrom ?? a.effectiveDate })}
            </Tag>
          ) : null}
          {a.status === 'approved' ? (
            <Tag color={a.publishedAt ? 'blue' : 'default'}>
              {a.publishedAt ? t('adjust.published') : t('adjust.unpublished')}
            </Tag>
          ) : null}
        </Flex>
        {a.status === 'approved' && !a.publishedAt ? (
          <Alert type="info" showIcon title={t('adjust.publishNote')} style={{ marginBottom: 12 }} />
        ) : null}
        <Descriptions
          bordered
          size="small"
          column={1}
          styles={{
            label: { width: isMobile ? 112 : 128, ...(isMobile ? { paddingInline: 10 } : {}) },
            content: isMobile ? { paddingInline: 10 } : undefined,
          }}
          items={[
            { key: 'target', label: t('adjust.target'), children: a.targetRegion.name },
            ...(a.catalogTitle
              ? [
                  {
                    key: 'catalog',
                    label: t('catalogs.catalog'),
                    children: (
                      <span>
                        {a.kind ? <Tag>{t(`catalogs.kind.${a.kind}`)}</Tag> : null}
                        {a.catalogTitle}
                      </span>
                    ),
                  },
                ]
              : []),
            ...(a.itemName || a.itemCode
              ? [
                  {
                    key: 'item',
                    label: t('adjust.item'),
                    children: (
                      <span>
                        {a.itemName ?? '—'}{' '}
                        {a.itemCode ? (
                          <Typography.Text type="secondary" className="jf-mono">
                            （{a.itemCode}）
                          </Typography.Text>
                        ) : null}
                      </span>
                    ),
                  },
                ]
              : []),
            {
              key: 'reason',
              label: t('adjust.reasonType'),
              children: t(`catalogs.reason.${a.reasonType}`),
            },
            {
              key: 'basis',
              label: t('adjust.basis'),
              children: <span style={{ whiteSpace: 'pre-wrap' }}>{a.basis}</span>,
            },
            ...(a.reasonNote ? [{ key: 'note', label: t('adjust.reasonNote'), children: a.reasonNote }] : []),
            { key: 'date', label: t('adjust.effectiveDate'), children: a.effectiveDate },
            ...(a.effectiveFrom ? [{ key: 'from', label: t('adjust.effectiveFrom'), children: a.effectiveFrom }] : []),
            { key: 'proposer', label: t('adjust.proposer'), children: `${a.proposerName} · ${fmtTime(a.createdAt)}` },
            ...(a.submittedAt
              ? [{ key: 'submitted', label: t('adjust.submittedAt'), children: fmtTime(a.submittedAt) }]
              : []),
            ...(a.approverName
              ? [
                  {
                    key: 'approver',
                    label: a.status === 'rejected' ? t('adjust.rejectedBy') : t('adjust.approver'),
                    children: `${a.approverName} · ${fmtTime(a.decidedAt)}`,
                  },
                ]
              : []),
            ...(a.decisionNote ? [{ key: 'decision', label: t('adjust.decisionNote'), children: a.decisionNote }] : []),
            ...(a.publishedAt
              ? [{ key: 'published', label: t('adjust.publishedAt'), children: fmtTime(a.publishedAt) }]
              : []),
          ]}
        />
        {changesTable(a)}
        {a.operation === 'withdraw' && a.current ? (
          <Alert
            type="warning"
            showIcon
            style={{ marginTop: 16 }}
            title={t('adjust.withdrawWhat', { name: a.current.name })}
            description={a.current.basis ?? undefined}
          />
        ) : null}
        <Flex gap={12} wrap style={{ marginTop: 16 }}>
          {a.status === 'approved' ? (
            <Link to={diffLinkFor(a)} onClick={onClose}>
              <DiffOutlined /> {t('adjust.viewDiff')}
            </Link>
          ) : null}
          {a.itemCode && a.status === 'approved' ? (
            <Link
              to={`/catalogs/browse?item=${encodeURIComponent(a.itemCode)}&region=${a.targetRegion.code}`}
              onClick={onClose}
            >
              {t('adjust.viewHistory')}
            </Link>
          ) : null}
        </Flex>
      </div>
    );

  return (
    <>
      <Drawer
        open={!!id}
        onClose={onClose}
        size={isMobile ? '100%' : 640}
        title={t('adjust.detailTitle')}
        destroyOnHidden
        footer={a ? actions(a) : null}
      >
        {body}
      </Drawer>
      <Modal
        open={!!noteFor}
        title={noteFor === 'reject' ? t('adjust.rejectTitle') : t('adjust.approveTitle')}
        onCancel={() => setNoteFor(null)}
        okText={noteFor === 'reject' ? t('adjust.reject') : t('adjust.approve')}
        okButtonProps={{
          danger: noteFor === 'reject',
          disabled: noteFor === 'reject' && !note.trim(),
          loading: act.isPending,
          ...({ 'data-testid': 'adjustment-decide-ok' } as object),
        }}
        cancelText={t('common.cancel')}
        onOk={() => noteFor && act.mutate({ action: noteFor, note })}
        destroyOnHidden
      >
        {noteFor === 'approve' && a ? (
          <Typography.Paragraph>{t('adjust.approveHelp', { date: a.effectiveDate })}</Typography.Paragraph>
        ) : null}
        <Input.TextArea
          value={note}
          onChange={(e) => setNote(e.target.value)}
          autoSize={{ minRows: 3, maxRows: 6 }}
          maxLength={1000}
          placeholder={noteFor === 'reject' ? t('adjust.rejectNotePlaceholder') : t('adjust.approveNotePlaceholder')}
          data-testid="adjustment-decision-note"
        />
      </Modal>
      <AdjustmentFormDrawer
        open={editing}
        onClose={() => setEditing(false)}
        editing={editing ? a : null}
        onDone={(u) => qc.setQueryData(catalogKeys.adjustment(u.id), u)}
      />
    </>
  );
}
