import { Button, Card, Empty, Flex, Popconfirm, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { DeleteOutlined, EditOutlined, HistoryOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useI18n } from '../../i18n/index.js';
import type { Category } from '../../../shared/campaigns.js';
import { columnLabels, fieldsSummary } from './fields.js';
import type { LedgerRow } from './ledgers.api.js';
import { DecisionView, SuggestionView } from './Verdict.js';

export interface RowHandlers {
  onAccept: (row: LedgerRow) => void;
  onOverride: (row: LedgerRow) => void;
  onEdit: (row: LedgerRow) => void;
  onDelete: (row: LedgerRow) => Promise<unknown>;
  busyRowId?: string | null;
}

function ChangeTag({ row }: { row: LedgerRow }) {
  const { t } = useI18n();
  if (!row.changeKind || row.changeKind === 'unchanged')
    return row.source === 'previous' ? <Tag icon={<HistoryOutlined />}>{t('ledgers.fromLastCycle')}</Tag> : null;
  const before = row.previous?.before;
  const tag = <Tag color={row.changeKind === 'new' ? 'cyan' : 'purple'}>{t(`campaigns.change.${row.changeKind}`)}</Tag>;
  return before ? (
    <Tooltip title={t('ledgers.before', { name: before.name, by: before.imposedBy || '—' })}>{tag}</Tooltip>
  ) : (
    tag
  );
}

function NameCell({ row, withBasis }: { row: LedgerRow; withBasis?: boolean }) {
  const { t } = useI18n();
  return (
    <div style={{ minWidth: 180, maxWidth: 320 }}>
      <Typography.Text strong>{row.name}</Typography.Text> <ChangeTag row={row} />
      <div>
        <Typography.Text type="secondary" style={{ fontSize: '0.75rem' }}>
          {row.imposedBy || '—'}
        </Typography.Text>
      </div>
      {withBasis && row.basis ? (
        <Typography.Text type="secondary" style={{ fontSize: '0.75rem' }}>
          {t('ledgers.field.basis')}：{row.basis}
        </Typography.Text>
      ) : null}
    </div>
  );
}

function RowActions({ row, h, editable }: { row: LedgerRow; h: RowHandlers; editable: boolean }) {
  const { t } = useI18n();
  return (
    <Flex gap={4} wrap>
      {editable ? (
        <>
          <Button size="small" type="link" icon={<EditOutlined />} onClick={() => h.onEdit(row)} data-testid="edit-row">
            {t('ledgers.edit')}
          </Button>
          <Popconfirm
            title={t('ledgers.deleteConfirm', { name: row.name })}
            onConfirm={() => h.onDelete(row)}
            okButtonProps={{ danger: true }}
          >
            <Button size="small" type="link" danger icon={<DeleteOutlined />} data-testid="delete-row">
              {t('ledgers.delete')}
            </Button>
          </Popconfirm>
        </>
      ) : null}
      {row.cleanup.taskId ? (
        <Link to={`/tasks/${row.cleanup.taskId}`}>
          <Button size="small" type="link">
            {t('ledgers.openTask')}
          </Button>
        </Link>
      ) : null}
    </Flex>
  );
}

/** A category's rows: a table on desktop, cards on phones. Undecided rows are highlighted. */
export function RowsView({
  category,
  rows,
  editable,
  h,
  mobile,
}: {
  category: Category;
  rows: LedgerRow[];
  editable: boolean;
  h: RowHandlers;
  mobile: boolean;
}) {
  const { t } = useI18n();
  const cols = columnLabels(category, t);

  if (mobile) {
    if (!rows.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('ledgers.noRows')} />;
    return (
      <Flex vertical gap={8} data-testid={`rows-${category}`}>
        {rows.map((row) => (
          <Card
            key={row.id}
            size="small"
            data-testid="row-card"
            style={{ borderInlineStart: row.decision ? undefined : '3px solid #faad14' }}
            styles={{ body: { padding: 12 } }}
          >
            <Flex justify="space-between" gap={8}>
              <Typography.Text type="secondary" className="jf-mono">
                #{row.seq}
              </Typography.Text>
              <RowActions row={row} h={h} editable={editable} />
            </Flex>
            <NameCell row={row} withBasis />
            <Typography.Paragraph style={{ fontSize: '0.8125rem', margin: '4px 0' }}>
              {fieldsSummary(category, row.fields, t)}
            </Typography.Paragraph>
            <div style={{ background: '#fafafa', padding: 8, borderRadius: 4, margin: '6px 0' }}>
              <Typography.Text type="secondary" style={{ fontSize: '0.75rem' }}>
                {t('ledgers.suggested')}
              </Typography.Text>
              <SuggestionView row={row} compact />
            </div>
            <DecisionView
              row={row}
              editable={editable}
              busy={h.busyRowId === row.id}
              onAccept={() => h.onAccept(row)}
              onOverride={() => h.onOverride(row)}
            />
          </Card>
        ))}
      </Flex>
    );
  }

  const columns: TableColumnsType<LedgerRow> = [
    { title: '#', dataIndex: 'seq', width: 48, render: (v: number) => <span className="jf-mono">{v}</span> },
    {
      title: `${cols.name} / ${cols.imposedBy}`,
      dataIndex: 'name',
      render: (_: unknown, row) => <NameCell row={row} />,
    },
    {
      title: t('ledgers.details'),
      dataIndex: 'fields',
      render: (_: unknown, row) => (
        <div style={{ minWidth: 120, maxWidth: 260, fontSize: '0.8125rem' }}>
          {fieldsSummary(category, row.fields, t)}
          {row.basis ? (
            <div>
              <Typography.Text type="secondary" style={{ fontSize: '0.75rem' }}>
                {cols.basis}：{row.basis}
              </Typography.Text>
            </div>
          ) : null}
        </div>
      ),
    },
    {
      title: t('ledgers.suggested'),
      dataIndex: 'suggestion',
      render: (_: unknown, row) => <SuggestionView row={row} />,
    },
    {
      title: t('ledgers.decision'),
      dataIndex: 'decision',
      render: (_: unknown, row) => (
        <DecisionView
          row={row}
          editable={editable}
          busy={h.busyRowId === row.id}
          onAccept={() => h.onAccept(row)}
          onOverride={() => h.onOverride(row)}
        />
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 120,
      render: (_: unknown, row) => <RowActions row={row} h={h} editable={editable} />,
    },
  ];
  return (
    <Table<LedgerRow>
      rowKey="id"
      data-testid={`rows-${category}`}
      size="small"
      columns={columns}
      dataSource={rows}
      pagination={false}
      scroll={{ x: 'max-content' }}
      rowClassName={(r) => (r.decision ? 'jf-ledger-row' : 'jf-ledger-row jf-row-undecided')}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('ledgers.noRows')} /> }}
    />
  );
}
