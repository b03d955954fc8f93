import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Empty,
  Flex,
  Form,
  Input,
  Result,
  Row,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { CheckOutlined, DownloadOutlined, PaperClipOutlined, RedoOutlined, UploadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { isApiError } from '../../api/client.js';
import { PageContainer } from '../../components/PageContainer.js';
import { PageSpin } from '../../components/PageSpin.js';
import { SimpleList } from '../../components/SimpleList.js';
import { useFeedback } from '../../components/feedback.js';
import { fmtTime } from '../../components/format.js';
import { useIsMobile } from '../../components/useIsMobile.js';
import { useI18n } from '../../i18n/index.js';
import { VERDICT_COLORS } from '../campaigns/campaigns.colors.js';
import {
  addEvidence,
  closeTask,
  downloadEvidence,
  getTask,
  reopenTask,
  taskKeys,
  updateTask,
  type TaskDetail,
} from './tasks.api.js';
import { Deadline, TaskStatusTag } from './TaskBits.js';

const ACCEPT = '.png,.jpg,.jpeg,.pdf';
const MAX_MB = 10;

function fmtSize(n: number) {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`;
}

/** Evidence is optional (never compulsory photos): PNG, JPEG or PDF, checked by content on the server. */
function EvidenceCard({ d, onChanged }: { d: TaskDetail; onChanged: () => Promise<unknown> }) {
  const { t } = useI18n();
  const { message } = useFeedback();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const task = d.task;
  return (
    <Card size="small" title={t('tasks.evidenceTitle')} style={{ marginBottom: 16 }} data-testid="evidence-card">
      <Typography.Paragraph type="secondary" style={{ fontSize: '0.8125rem' }}>
        {t('tasks.evidenceNote', { mb: MAX_MB })}
      </Typography.Paragraph>
      <SimpleList
        items={d.evidence}
        rowKey={(e) => e.id}
        bordered
        empty={<Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('tasks.noEvidence')} />}
        render={(e) => (
          <div>
            <PaperClipOutlined /> <Typography.Text>{e.name}</Typography.Text>{' '}
            <Typography.Text type="secondary" style={{ fontSize: '0.75rem' }}>
              {t('tasks.revision', { n: e.revision })} · {fmtSize(e.size)} · {e.uploadedByName ?? ''}{' '}
              {fmtTime(e.uploadedAt)}
            </Typography.Text>
            {e.note ? <div style={{ fontSize: '0.8125rem' }}>{e.note}</div> : null}
            <div className="jf-hash" style={{ color: 'var(--jf-text-secondary)' }}>
              SHA-256 {e.sha256.slice(0, 16)}…
            </div>
          </div>
        )}
        actions={(e) => (
          <Button
            size="small"
            icon={<DownloadOutlined />}
            onClick={() => void downloadEvidence(task.id, e).catch(() => undefined)}
          >
            {t('tasks.download')}
          </Button>
        )}
      />
      {task.abilities.addEvidence ? (
        <Flex vertical gap={8} style={{ marginTop: 12 }}>
          <Input
            maxLength={500}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            placeholder={t('tasks.evidenceNotePlaceholder')}
            aria-label={t('tasks.evidenceNotePlaceholder')}
          />
          <Upload
            accept={ACCEPT}
            showUploadList={false}
            multiple={false}
            disabled={busy}
            beforeUpload={(file) => {
              if (file.size > MAX_MB * 1024 * 1024) {
                message.error(t('tasks.tooLarge', { mb: MAX_MB }));
                return Upload.LIST_IGNORE;
              }
              setBusy(true);
              addEvidence(task.id, file as File, note.trim())
                .then(() => {
                  message.success(t('tasks.evidenceAdded'));
                  setNote('');
                })
                .catch((err: unknown) => message.error(isApiError(err) ? err.message : String(err)))
                .finally(() => void onChanged().then(() => setBusy(false)));
              return false;
            }}
          >
            <Button icon={<UploadOutlined />} loading={busy} data-testid="evidence-upload">
              {t('tasks.uploadEvidence')}
            </Button>
          </Upload>
        </Flex>
      ) : null}
    </Card>
  );
}

/** Close (a note on what was done), reopen (a reason), or move the deadline. */
function ActionsCard({ d, onChanged }: { d: TaskDetail; onChanged: () => Promise<unknown> }) {
  const { t } = useI18n();
  const { message } = useFeedback();
  const [form] = Form.useForm<{ note: string }>();
  const [busy, setBusy] = useState<string | null>(null);
  const [deadline, setDeadline] = useState<string | null>(null);
  const task = d.task;
  const run = async (kind: 'close' | 'reopen') => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setBusy(kind);
    try {
      if (kind === 'close') await closeTask(task.id, task.version, v.note.trim());
      else await reopenTask(task.id, task.version, v.note.trim());
      message.success(t(kind === 'close' ? 'tasks.closed' : 'tasks.reopened'));
      form.resetFields();
    } catch {
      /* shown by the client */
    } finally {
      await onChanged();
      setBusy(null);
    }
  };
  if (!task.abilities.close && !task.abilities.reopen && !task.abilities.reassign) return null;
  return (
    <Card size="small" title={t('tasks.actionsTitle')} style={{ marginBottom: 16 }}>
      {task.abilities.close || task.abilities.reopen ? (
        <Form form={form} layout="vertical" requiredMark={false}>
          <Form.Item
            name="note"
            label={task.abilities.close ? t('tasks.closeNote') : t('tasks.reopenNote')}
            rules={[
              {
                required: true,
                whitespace: true,
                min: 2,
                message: task.abilities.close ? t('tasks.closeNoteRequired') : t('tasks.reopenNoteRequired'),
              },
            ]}
            extra={task.abilities.close ? t('tasks.closeHelp') : undefined}
          >
            <Input.TextArea rows={3} maxLength={1000} showCount data-testid="task-note" />
          </Form.Item>
          {task.abilities.close ? (
            <Button
              type="primary"
              icon={<CheckOutlined />}
              loading={busy === 'close'}
              onClick={() => void run('close')}
              data-testid="task-close"
            >
              {t('tasks.close')}
            </Button>
          ) : (
            <Button
              icon={<RedoOutlined />}
              loading={busy === 'reopen'}
              onClick={() => void run('reopen')}
              data-testid="task-reopen"
            >
              {t('tasks.reopen')}
            </Button>
          )}
        </Form>
      ) : null}
      {task.abilities.reassign ? (
        <Flex gap={8} wrap align="center" style={{ marginTop: 16 }}>
          <Typography.Text>{t('tasks.changeDeadline')}</Typography.Text>
          <DatePicker
            allowClear={false}
            aria-label={t('tasks.changeDeadline')}
            value={dayjs(deadline ?? task.deadline)}
            onChange={(x) => x && setDeadline(x.format('YYYY-MM-DD'))}
          />
          <Button
            disabled={!deadline || deadline === task.deadline}
            loading={busy === 'deadline'}
            onClick={async () => {
              setBusy('deadline');
              try {
                await updateTask(task.id, { deadline: deadline!, version: task.version });
                message.success(t('tasks.deadlineSaved'));
                setDeadline(null);
              } catch {
                /* shown by the client */
              } finally {
                await onChanged();
                setBusy(null);
              }
            }}
          >
            {t('common.save')}
          </Button>
        </Flex>
      ) : null}
    </Card>
  );
}

/** 整改任务 detail: what, why (clause and the row behind it), owner, deadline, evidence, closure. */
export default function TaskDetailPage() {
  const { id = '' } = useParams();
  const { t, keyed } = useI18n();
  const qc = useQueryClient();
  const isMobile = useIsMobile();
  const q = useQuery({ queryKey: taskKeys.detail(id), queryFn: () => getTask(id) });
  const refresh = () =>
    Promise.all([
      qc.invalidateQueries({ queryKey: taskKeys.detail(id) }),
      qc.invalidateQueries({ queryKey: ['tasks', 'list'] }),
    ]);

  if (q.isPending) return <PageSpin />;
  if (q.error || !q.data)
    return (
      <Result
        status={isApiError(q.error) && q.error.status === 404 ? '404' : 'error'}
        title={isApiError(q.error) && q.error.status === 404 ? t('tasks.notFound') : t('common.loadFailed')}
        subTitle={q.error?.message}
      />
    );
  const d = q.data;
  const task = d.task;
  return (
    <PageContainer title={task.title} extra={<Link to="/tasks">{t('tasks.backToList')}</Link>}>
      {task.overdue ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('tasks.overdueAlert', { date: task.deadline })}
        />
      ) : null}
      {task.status === 'closed' && task.closureNote ? (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('tasks.closedAt', { time: task.closedAt ? fmtTime(task.closedAt) : '' })}
          description={task.closureNote}
        />
      ) : null}
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <Card size="small" style={{ marginBottom: 16 }}>
            <Descriptions
              column={1}
              size="small"
              styles={{ label: { width: isMobile ? 90 : 120 } }}
              items={[
                { key: 'status', label: t('tasks.status'), children: <TaskStatusTag task={task} /> },
                {
                  key: 'category',
                  label: t('tasks.category'),
                  children: t(`campaigns.category.${task.category}`),
                },
                {
                  key: 'verdict',
                  label: t('tasks.verdict'),
                  children: <Tag color={VERDICT_COLORS[task.verdict]}>{t(`campaigns.verdict.${task.verdict}`)}</Tag>,
                },
                { key: 'clause', label: t('tasks.clause'), children: <span className="jf-mono">{task.clause}</span> },
                { key: 'village', label: t('tasks.village'), children: task.villageName ?? '—' },
                {
                  key: 'owner',
                  label: t('tasks.owner'),
                  children: `${task.owner.name}（${task.owner.kind === 'department' ? t('tasks.ownerDepartment') : t('tasks.ownerVillage')}）`,
                },
                { key: 'deadline', label: t('tasks.deadline'), children: <Deadline task={task} /> },
                {
                  key: 'ledger',
                  label: t('tasks.ledger'),
                  children: <Link to={`/ledgers/${task.ledgerId}`}>{t('tasks.openLedger')}</Link>,
                },
              ]}
            />
          </Card>
          {d.row ? (
            <Card size="small" title={t('tasks.rowTitle')} style={{ marginBottom: 16 }}>
              <Descriptions
                column={1}
                size="small"
                styles={{ label: { width: isMobile ? 90 : 120 } }}
                items={[
                  { key: 'name', label: t('tasks.rowName'), children: d.row.name },
                  { key: 'by', label: t('tasks.rowImposedBy'), children: d.row.imposedBy || '—' },
                  { key: 'basis', label: t('ledgers.field.basis'), children: d.row.basis || '—' },
                  { key: 'why', label: t('tasks.rowReason'), children: keyed(d.row.suggestionReason) },
                  ...(d.row.overrideReason
                    ? [{ key: 'override', label: t('ledgers.overrideReason'), children: d.row.overrideReason }]
                    : []),
                ]}
              />
            </Card>
          ) : null}
        </Col>
        <Col xs={24} lg={12}>
          <ActionsCard d={d} onChanged={refresh} />
          <EvidenceCard d={d} onChanged={refresh} />
        </Col>
      </Row>
    </PageContainer>
  );
}
