import { Tag } from 'antd';
import { useLabel } from '../../i18n/index.js';
import { WORKFLOW_COLORS, WORKFLOW_LABELS, type WorkflowStatus } from '../campaigns/campaigns.labels.js';

/** A ledger's workflow status: 草稿 / 已提交 / 已退回 / 已审核 / 审核失效 (kept apart from verdicts). */
export function StatusTag({ status }: { status: WorkflowStatus }) {
  const label = useLabel();
  return (
    <Tag color={WORKFLOW_COLORS[status]} data-testid="ledger-status" style={{ marginInlineEnd: 0 }}>
      {label(WORKFLOW_LABELS[status])}
    </Tag>
  );
}
