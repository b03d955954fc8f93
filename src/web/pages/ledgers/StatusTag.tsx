import { Tag } from 'antd';
import { useT } from '../../i18n/index.js';
import type { WorkflowStatus } from '../../../shared/campaigns.js';
import { WORKFLOW_COLORS } from '../campaigns/campaigns.colors.js';

/** A ledger's workflow status: 草稿 / 已提交 / 已退回 / 已审核 / 审核失效 (kept apart from verdicts). */
export function StatusTag({ status }: { status: WorkflowStatus }) {
  const t = useT();
  return (
    <Tag color={WORKFLOW_COLORS[status]} data-testid="ledger-status" style={{ marginInlineEnd: 0 }}>
      {t(`campaigns.workflow.${status}`)}
    </Tag>
  );
}
