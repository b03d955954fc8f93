import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Badge,
  Button,
  Card,
  Col,
  Collapse,
  Descriptions,
  Empty,
  Flex,
  Input,
  Modal,
  Popconfirm,
  Result,
  Row,
  Space,
  Statistic,
  Tabs,
  Timeline,
  Typography,
} from 'antd';
import {
  CheckCircleOutlined,
  DownloadOutlined,
  PlusOutlined,
  RollbackOutlined,
  SendOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import { isApiError } from '../../api/client.js';
import { useMe } from '../../api/auth.js';
import { accessOf } from '../../access.js';
import { PageContainer } from '../../components/PageContainer.js';
import { PageSpin } from '../../components/PageSpin.js';
import { useFeedback } from '../../components/feedback.js';
import { fmtTime } from '../../components/format.js';
import { useIsMobile } from '../../components/useIsMobile.js';
import { useI18n, type MessageKey } from '../../i18n/index.js';
import { isMessageKey } from '../../../shared/i18n.js';
import { CATEGORIES, type Category } from '../../../shared/campaigns.codes.js';
import { ImportModal, TemplateButton } from './ImportModal.js';
import { StatusTag } from './StatusTag.js';
import { RowForm } from './RowForm.js';
import { RowsView, type RowHandlers } from './RowsView.js';
import { OverrideModal } from './Verdict.js';
import {
  acceptAll,
  addRow,
  approveLedger,
  decideRow,
  deleteRow,
  exportLedger,
  getLedger,
  ledgerKeys,
  returnLedger,
  submitLedger,
  updateRow,
  withdrawLedger,
  type LedgerRow,
  type LedgerView,
  type RowInput,
} from './ledgers.api.js';

/** Undecided rows highlighted in the desktop tables (antd paints cells, so the colour goes on the cells). */
const HINT_KEYS: Record<Category, MessageKey> = {
  sign: 'ledgers.hint.sign',
  mechanism: 'ledgers.hint.mechanism',
  work_affair: 'ledgers.hint.work_affair',
  certificate: 'ledgers.hint.certificate',
};

const CSS = `.jf-row-undecided > td { background: #fffbe6 !important; }`;

/** The township's two answers to a submitted ledger: return with a note, or approve. */
function ReviewPanel({ view, onDone }: { view: LedgerView; onDone: () => Promise<unknown> }) {
  const { t } = useI18n();
  const { message } = useFeedback();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState<'return' | 'approve' | null>(null);
  const [noteError, setNoteError] = useState(false);
  const l = view.ledger;
  const act = async (kind: 'return' | 'approve') => {
    if (kind === 'return' && note.trim().length < 2) {
      setNoteError(true);
      return;
    }
    setBusy(kind);
    try {
      if (kind === 'return') await returnLedger(l.id, l.version, note.trim());
      else await approveLedger(l.id, l.version, note.trim() || undefined);
      message.success(t(kind === 'return' ? 'review.returned' : 'review.approved', { name: l.villageName }));
      setNote('');
      await onDone();
    } catch {
      /* shown by the client */
    } finally {
      setBusy(null);
    }
  };
  return (
    <Card
      title={t('review.panelTitle')}
      size="small"
      style={{ marginBottom: 16, borderColor: '#91caff' }}
      data-testid="review-panel"
    >
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t('review.panelHint', { total: view.counts.total, nonCompliant: view.counts.nonCompliant })}
      </Typography.Paragraph>
      <Input.TextArea
        rows={3}
        maxLength={1000}
        showCount
        aria-label={t('review.panelTitle')}
        value={note}
        status={noteError ? 'error' : undefined}
        onChange={(e) => {
          setNote(e.target.value);
          setNoteError(false);
        }}
        placeholder={t('review.notePlaceholder')}
        data-testid="review-note"
      />
      {noteError ? <Typography.Text type="danger">{t('review.noteRequired')}</Typography.Text> : null}
      <Flex gap={8} wrap style={{ marginTop: 12 }}>
        <Button
          danger
          icon={<RollbackOutlined />}
          loading={busy === 'return'}
          disabled={!!busy}
          onClick={() => void act('return')}
          data-testid="review-return"
        >
          {t('review.return')}
        </Button>
        <Popconfirm
          title={t('review.approveConfirm', { n: view.counts.nonCompliant })}
          onConfirm={() => act('approve')}
        >
          <Button
            type="primary"
            icon={<CheckCircleOutlined />}
            loading={busy === 'approve'}
            disabled={!!busy}
            data-testid="review-approve"
          >
            {t('review.approve')}
          </Button>
        </Popconfirm>
      </Flex>
    </Card>
  );
}

function StatusAlert({ view }: { view: LedgerView }) {
  const { t } = useI18n();
  const l = view.ledger;
  const returns = view.events.filter((e) => e.action === 'return');
  const returnedAt = returns[returns.length - 1];
  switch (l.effectiveStatus) {
    case 'returned':
      return (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="return-note"
          title={t('ledgers.returnedTitle')}
          description={
            <div>
              <div style={{ whiteSpace: 'pre-wrap', fontSize: '0.9375rem' }}>{l.returnNote}</div>
              {returnedAt ? (
                <Typography.Text type="secondary" style={{ fontSize: '0.75rem' }}>
                  {returnedAt.actorName ?? ''} {fmtTime(returnedAt.at)}
                </Typography.Text>
              ) : null}
              <div style={{ marginTop: 4 }}>{l.abilities.edit ? t('ledgers.returnedHint') : null}</div>
            </div>
          }
        />
      );
    case 'stale':
      return (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('ledgers.staleTitle')}
          description={t('ledgers.staleHint')}
        />
      );
    case 'submitted':
      return (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('ledgers.submittedTitle')}
          description={l.abilities.withdraw ? t('ledgers.submittedHint') : undefined}
        />
      );
    case 'approved':
      return (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('ledgers.approvedTitle')}
          description={
            view.counts.nonCompliant
              ? t('ledgers.approvedTasks', { n: view.counts.nonCompliant })
              : t('ledgers.approvedNoTasks')
          }
        />
      );
    default:
      return null;
  }
}

/**
 * One village's self-inspection ledger (/ledgers/:id). The village cadre fills it (four tabs, keyboard
 * entry with inline suggestions, accept or override each suggested verdict, bulk-accept, submit);
 * the township reviews it here (return with a note, approve); everyone else with access reads it.
 */
export default function LedgerPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const isMobile = useIsMobile();
  const { message } = useFeedback();
  const { data: me } = useMe();
  const access = accessOf(me);
  const [tab, setTab] = useState<Category>('sign');
  const [editing, setEditing] = useState<LedgerRow | null>(null);
  const [overriding, setOverriding] = useState<LedgerRow | null>(null);
  const [busyRowId, setBusyRowId] = useState<string | null>(null);
  const eventLabel = (action: string) => {
    const key = `campaigns.event.${action}`;
    return isMessageKey(key) ? t(key) : action;
  };
  const [busy, setBusy] = useState<'accept' | 'submit' | 'withdraw' | 'export' | null>(null);
  const [undecided, setUndecided] = useState<{ rowId: string; category: Category; name: string }[] | null>(null);
  const [importOpen, setImportOpen] = useState(false);
  // What the last row action did, for screen readers (the row itself appears silently in the table).
  const [announcement, setAnnouncement] = useState('');
  const [entryOpen, setEntryOpen] = useState(false);

  const q = useQuery({ queryKey: ledgerKeys.detail(id), queryFn: () => getLedger(id), enabled: !!id });
  const view = q.data;
  const refresh = () =>
    Promise.all([
      qc.invalidateQueries({ queryKey: ledgerKeys.detail(id) }),
      qc.invalidateQueries({ queryKey: ['ledgers', 'list'] }),
    ]);

  // A fresh load clears a stale "undecided" list once everything is decided.
  useEffect(() => {
    if (view && view.counts.undecided === 0) setUndecided(null);
  }, [view]);

  const handlers: RowHandlers = {
    busyRowId,
    onAccept: async (row) => {
      setBusyRowId(row.id);
      try {
        await decideRow(row.id, { action: 'accept', version: row.version }).catch(() => undefined);
        await refresh();
      } finally {
        setBusyRowId(null);
      }
    },
    onOverride: (row) => setOverriding(row),
    onEdit: (row) => setEditing(row),
    onDelete: async (row) => {
      await deleteRow(row.id, row.version).catch(() => undefined);
      await refresh();
    },
  };

  if (q.isPending) return <PageSpin />;
  if (q.error || !view)
    return (
      <Result
        status={isApiError(q.error) && q.error.status === 404 ? '404' : 'error'}
        title={isApiError(q.error) && q.error.status === 404 ? t('ledgers.notFound') : t('common.loadFailed')}
        subTitle={q.error?.message}
        extra={<Button onClick={() => void q.refetch()}>{t('common.retry')}</Button>}
      />
    );

  const l = view.ledger;
  const editable = l.abilities.edit;
  const reviewing = l.abilities.return || l.abilities.approve;

  const add = async (input: RowInput) => {
    await addRow(l.id, input);
    await refresh();
    setAnnouncement(t('ledgers.rowAdded', { name: input.name, category: t(`campaigns.category.${input.category}`) }));
  };

  const doAcceptAll = async (category?: Category) => {
    setBusy('accept');
    try {
      const r = await acceptAll(l.id, l.version, category);
      message.success(t('ledgers.acceptedN', { n: r.accepted }));
    } catch {
      /* shown by the client */
    } finally {
      await refresh();
      setBusy(null);
    }
  };

  const doSubmit = async () => {
    setBusy('submit');
    setUndecided(null);
    try {
      await submitLedger(l.id, l.version);
      message.success(t('ledgers.submitted'));
      await refresh();
    } catch (e) {
      if (
        isApiError(e) &&
        e.code === 'validation_failed' &&
        Array.isArray((e.details as { undecided?: unknown })?.undecided) &&
        (e.details as { undecided: unknown[] }).undecided.length
      ) {
        setUndecided((e.details as { undecided: { rowId: string; category: Category; name: string }[] }).undecided);
      } else if (isApiError(e)) message.error({ content: e.message, key: 'submit-error' });
      await refresh();
    } finally {
      setBusy(null);
    }
  };

  const doWithdraw = async () => {
    setBusy('withdraw');
    try {
      await withdrawLedger(l.id, l.version);
      message.success(t('ledgers.withdrawn'));
    } catch {
      /* shown by the client */
    } finally {
      await refresh();
      setBusy(null);
    }
  };

  const doExport = async () => {
    setBusy('export');
    try {
      await exportLedger(l.id, `${l.villageName}自查台账.xlsx`);
      message.success(t('ledgers.exported'));
    } catch {
      /* shown by the client */
    } finally {
      setBusy(null);
    }
  };

  const deadlineOf = (c: Category) => view.phases.find((p) => p.categories.includes(c))?.deadline;

  const tabItems = CATEGORIES.map((c) => {
    const rows = view.rows[c];
    const open = rows.filter((r) => !r.decision).length;
    return {
      key: c,
      label: (
        <span data-testid={isMobile ? undefined : `tab-${c}`}>
          {t(`campaigns.category.${c}`)}
          <Badge
            count={rows.length}
            showZero
            color={open ? '#874d00' : rows.length ? '#237804' : '#595959'}
            size="small"
            style={{ marginInlineStart: 6 }}
          />
        </span>
      ),
      children: (
        <div>
          <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 8 }}>
            <Typography.Text type="secondary" style={{ fontSize: '0.8125rem' }}>
              {c === 'sign'
                ? t('ledgers.signGuideHint', {
                    max: view.signGuide.max,
                    boards: view.signGuide.allowedBoards.join('、'),
                  })
                : t(HINT_KEYS[c])}
              {deadlineOf(c) ? ` ${t('ledgers.cleanupBy', { date: deadlineOf(c)! })}` : ''}
            </Typography.Text>
            {editable && open > 0 ? (
              <Button
                size="small"
                onClick={() => void doAcceptAll(c)}
                loading={busy === 'accept'}
                data-testid={`accept-category-${c}`}
              >
                {t('ledgers.acceptCategory', { n: open })}
              </Button>
            ) : null}
          </Flex>
          {editable ? (
            isMobile ? (
              <div style={{ marginBottom: 12 }}>
                {entryOpen ? (
                  <Card
                    size="small"
                    title={t('ledgers.newRow')}
                    extra={
                      <Button size="small" type="link" onClick={() => setEntryOpen(false)}>
                        {t('common.close')}
                      </Button>
                    }
                  >
                    <RowForm
                      key={c}
                      ledgerId={l.id}
                      category={c}
                      onSubmit={add}
                      compact
                      testId={`entry-${c}`}
                      autoFocus
                    />
                  </Card>
                ) : (
                  <Button
                    type="dashed"
                    block
                    icon={<PlusOutlined />}
                    onClick={() => setEntryOpen(true)}
                    data-testid="open-entry"
                    size="large"
                  >
                    {t('ledgers.newRow')}
                  </Button>
                )}
              </div>
            ) : (
              <Card
                size="small"
                style={{ marginBottom: 12, background: '#fafcff' }}
                styles={{ body: { padding: '8px 12px' } }}
              >
                <RowForm
                  key={c}
                  ledgerId={l.id}
                  category={c}
                  onSubmit={add}
                  testId={`entry-${c}`}
                  autoFocus={tab === c}
                />
              </Card>
            )
          ) : null}
          <RowsView category={c} rows={rows} editable={editable} h={handlers} mobile={isMobile} />
        </div>
      ),
    };
  });

  const removed = view.removedSinceLastCycle;

  return (
    <PageContainer
      title={t('ledgers.pageTitle', { name: l.villageName })}
      extra={
        <>
          {reviewing || access.canReviewLedgers ? (
            <Button onClick={() => navigate(`/review?campaign=${l.campaignId}`)}>{t('review.backToList')}</Button>
          ) : null}
          <Button
            icon={<DownloadOutlined />}
            onClick={() => void doExport()}
            loading={busy === 'export'}
            data-testid="export-ledger"
          >
            {t('ledgers.export')}
          </Button>
          {l.abilities.import ? (
            <>
              <TemplateButton />
              <Button icon={<UploadOutlined />} onClick={() => setImportOpen(true)} data-testid="import-button">
                {t('ledgers.import')}
              </Button>
            </>
          ) : null}
        </>
      }
    >
      <div role="status" className="jf-sr-only" data-testid="ledger-announcement">
        {announcement}
      </div>
      <style>{CSS}</style>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Row gutter={[16, 12]} align="middle">
          <Col xs={24} md={10}>
            <Space orientation="vertical" size={4}>
              <Flex gap={8} align="center" wrap>
                <Typography.Text strong>{l.campaignName}</Typography.Text>
                <StatusTag status={l.effectiveStatus} />
              </Flex>
              <Typography.Text type="secondary" style={{ fontSize: '0.75rem' }}>
                {l.villageName} <span className="jf-mono">{l.villageCode}</span>
                {l.submittedAt ? ` · ${t('ledgers.submittedAt', { time: fmtTime(l.submittedAt) })}` : ''}
              </Typography.Text>
            </Space>
          </Col>
          <Col xs={8} md={4}>
            <Statistic title={t('ledgers.countTotal')} value={view.counts.total} data-testid="count-total" />
          </Col>
          <Col xs={8} md={4}>
            <Statistic
              title={t('ledgers.countUndecided')}
              value={view.counts.undecided}
              styles={{ content: view.counts.undecided ? { color: '#874d00' } : undefined }}
              data-testid="count-undecided"
            />
          </Col>
          <Col xs={8} md={6}>
            <Statistic
              title={t('ledgers.countNonCompliant')}
              value={view.counts.nonCompliant}
              data-testid="count-noncompliant"
            />
          </Col>
        </Row>
        {editable || l.abilities.submit || l.abilities.withdraw ? (
          <Flex gap={8} wrap style={{ marginTop: 12 }}>
            {editable && view.counts.undecided > 0 ? (
              <Button
                icon={<CheckCircleOutlined />}
                onClick={() => void doAcceptAll()}
                loading={busy === 'accept'}
                data-testid="accept-all"
                block={isMobile}
              >
                {t('ledgers.acceptAll', { n: view.counts.undecided })}
              </Button>
            ) : null}
            {l.abilities.submit ? (
              <Button
                type="primary"
                icon={<SendOutlined />}
                onClick={() => void doSubmit()}
                loading={busy === 'submit'}
                data-testid="submit-ledger"
                block={isMobile}
              >
                {l.effectiveStatus === 'draft' ? t('ledgers.submit') : t('ledgers.resubmit')}
              </Button>
            ) : null}
            {l.abilities.withdraw ? (
              <Popconfirm title={t('ledgers.withdrawConfirm')} onConfirm={doWithdraw}>
                <Button loading={busy === 'withdraw'} data-testid="withdraw-ledger" block={isMobile}>
                  {t('ledgers.withdraw')}
                </Button>
              </Popconfirm>
            ) : null}
          </Flex>
        ) : null}
      </Card>

      <StatusAlert view={view} />

      {undecided ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="undecided-list"
          title={t('ledgers.submitRefused', { n: undecided.length })}
          description={
            <div>
              <ul style={{ margin: '4px 0', paddingInlineStart: 18, maxHeight: 180, overflow: 'auto' }}>
                {undecided.map((u) => (
                  <li key={u.rowId}>
                    <Button type="link" className="jf-link-button" onClick={() => setTab(u.category)}>
                      {t(`campaigns.category.${u.category}`)}
                    </Button>
                    ：{u.name}
                  </li>
                ))}
              </ul>
              {editable ? (
                <Button size="small" type="primary" onClick={() => void doAcceptAll()} loading={busy === 'accept'}>
                  {t('ledgers.acceptAll', { n: undecided.length })}
                </Button>
              ) : null}
            </div>
          }
        />
      ) : null}

      {reviewing ? <ReviewPanel view={view} onDone={refresh} /> : null}

      <Card size="small" styles={{ body: { paddingTop: 4 } }}>
        {isMobile ? (
          <>
            <Row gutter={[8, 8]} style={{ margin: '8px 0 12px' }}>
              {CATEGORIES.map((c) => {
                const open = view.rows[c].filter((r) => !r.decision).length;
                return (
                  <Col span={12} key={c}>
                    <Button
                      block
                      type={tab === c ? 'primary' : 'default'}
                      onClick={() => setTab(c)}
                      data-testid={`tab-${c}`}
                    >
                      {t(`campaigns.category.${c}`)}
                      <Badge
                        count={view.rows[c].length}
                        showZero
                        color={open ? '#874d00' : view.rows[c].length ? '#237804' : '#595959'}
                        size="small"
                      />
                    </Button>
                  </Col>
                );
              })}
            </Row>
            {tabItems.find((x) => x.key === tab)!.children}
          </>
        ) : (
          <Tabs activeKey={tab} onChange={(k) => setTab(k as Category)} items={tabItems} />
        )}
      </Card>

      {removed.length ? (
        <Collapse
          style={{ marginTop: 16, background: '#fff' }}
          items={[
            {
              key: 'removed',
              label: t('ledgers.removedSinceLast', { n: removed.length }),
              children: (
                <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                  {removed.map((r) => (
                    <li key={r.rowId}>
                      {t(`campaigns.category.${r.category}`)}：{r.name}
                      {r.imposedBy ? `（${r.imposedBy}）` : ''}
                      {r.verdict
                        ? ` · ${t('ledgers.lastVerdict', { verdict: t(`campaigns.verdict.${r.verdict}`) })}`
                        : ''}
                    </li>
                  ))}
                </ul>
              ),
            },
          ]}
        />
      ) : null}

      <Card size="small" title={t('ledgers.history')} style={{ marginTop: 16 }}>
        {view.events.length ? (
          <Timeline
            items={view.events.map((e) => ({
              key: e.id,
              color: e.action === 'return' || e.action === 'stale' ? 'red' : e.action === 'approve' ? 'green' : 'blue',
              title: fmtTime(e.at),
              content: (
                <div>
                  <Typography.Text strong>{eventLabel(e.action)}</Typography.Text>
                  {e.actorName ? <Typography.Text type="secondary"> · {e.actorName}</Typography.Text> : null}
                  {/* The stale event's note is the server's own words: shown in the user's language. */}
                  {e.note ? (
                    <div style={{ whiteSpace: 'pre-wrap' }}>
                      {e.action === 'stale' ? t('campaigns.event.staleNote') : e.note}
                    </div>
                  ) : null}
                </div>
              ),
            }))}
          />
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('ledgers.noHistory')} />
        )}
        <Descriptions
          size="small"
          column={isMobile ? 1 : 3}
          items={view.phases.map((p) => ({
            key: p.key,
            label: t(`campaigns.phase.${p.key}`),
            children: <span className="jf-mono">{p.deadline}</span>,
          }))}
          title={
            <Typography.Text type="secondary" style={{ fontSize: '0.8125rem' }}>
              {t('ledgers.phases')}
            </Typography.Text>
          }
        />
      </Card>

      <Modal
        open={!!editing}
        title={editing ? t('ledgers.editTitle', { name: editing.name }) : ''}
        onCancel={() => setEditing(null)}
        footer={null}
        destroyOnHidden
        width={isMobile ? '100%' : 880}
      >
        {editing ? (
          <>
            {l.effectiveStatus === 'approved' ? (
              <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('ledgers.editStaleWarning')} />
            ) : null}
            <RowForm
              ledgerId={l.id}
              category={editing.category}
              row={editing}
              compact={isMobile}
              autoFocus
              onSubmit={async (input) => {
                await updateRow(editing.id, {
                  name: input.name,
                  imposedBy: input.imposedBy,
                  basis: input.basis,
                  fields: input.fields,
                  version: editing.version,
                });
                setEditing(null);
                await refresh();
              }}
            />
          </>
        ) : null}
      </Modal>

      <OverrideModal
        row={overriding}
        onClose={() => setOverriding(null)}
        onSubmit={async (verdict, reason) => {
          const row = overriding!;
          await decideRow(row.id, { action: 'override', verdict, reason: reason || undefined, version: row.version });
          await refresh();
        }}
      />

      {l.abilities.import ? (
        <ImportModal
          campaignId={l.campaignId}
          open={importOpen}
          onClose={() => setImportOpen(false)}
          scopeNote={t('ledgers.importNoteVillage', { name: l.villageName })}
        />
      ) : null}

      {!editable &&
      !reviewing &&
      l.effectiveStatus !== 'approved' &&
      me &&
      access.canFillLedgers &&
      l.effectiveStatus !== 'submitted' ? (
        <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
          <Link to="/ledgers">{t('ledgers.backToMine')}</Link>
        </Typography.Paragraph>
      ) : null}
    </PageContainer>
  );
}
