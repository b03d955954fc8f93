import { Flex, Tag, Typography } from 'antd';
import { useT } from '../../i18n/index.js';
import type { LedgerListItem, WorkflowStatus } from '../../../shared/campaigns.js';
import { fmtTime } from '../../components/format.js';
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

/** A ledger in a list: its village and status, then its counts (and when it was submitted, if `submitted`). */
export function LedgerLine({ l, submitted = false }: { l: LedgerListItem; submitted?: boolean }) {
  const t = useT();
  return (
    <Flex vertical gap={2}>
      <Flex gap={8} align="center" wrap>
        <Typography.Text strong>{l.villageName}</Typography.Text>
        <StatusTag status={l.effectiveStatus} />
      </Flex>
      <Typography.Text type="secondary" style={{ fontSize: '0.75rem' }}>
        {t('ledgers.listCounts', { rows: l.rows, undecided: l.undecided, nonCompliant: l.nonCompliant })}
        {submitted && l.submittedAt ? ` · ${fmtTime(l.submittedAt)}` : ''}
      </Typography.Text>
    </Flex>
  );
}
