import { Tag, Typography } from 'antd';
import { useI18n } from '../../i18n/index.js';
import { TASK_STATUS_COLORS } from '../campaigns/campaigns.colors.js';
import type { Task } from './tasks.api.js';

export function TaskStatusTag({ task }: { task: Pick<Task, 'status' | 'overdue'> }) {
  const { t } = useI18n();
  return (
    <>
      <Tag color={TASK_STATUS_COLORS[task.status]} style={{ marginInlineEnd: 4 }}>
        {t(`campaigns.taskStatus.${task.status}`)}
      </Tag>
      {task.overdue ? (
        <Tag color="error" data-testid="overdue-tag">
          {t('tasks.overdue')}
        </Tag>
      ) : null}
    </>
  );
}

/** "截止 2026-12-10（还剩 3 天 / 逾期 5 天）". */
export function Deadline({ task }: { task: Pick<Task, 'deadline' | 'daysLeft' | 'status' | 'overdue'> }) {
  const { t } = useI18n();
  const left = task.daysLeft;
  const note =
    task.status !== 'open' || left === null
      ? ''
      : left < 0
        ? t('tasks.daysOverdue', { n: -left })
        : left === 0
          ? t('tasks.dueToday')
          : t('tasks.daysLeft', { n: left });
  return (
    <span style={{ whiteSpace: 'nowrap' }}>
      <span className="jf-mono">{task.deadline}</span>
      {note ? (
        <Typography.Text
          type={task.overdue ? 'danger' : left !== null && left <= 3 ? 'warning' : 'secondary'}
          style={{ fontSize: '0.75rem', marginInlineStart: 4 }}
        >
          {note}
        </Typography.Text>
      ) : null}
    </span>
  );
}
