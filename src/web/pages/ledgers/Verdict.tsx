import { useEffect, useState } from 'react';
import { Button, Flex, Form, Input, Modal, Radio, Tag, Tooltip, Typography } from 'antd';
import { CheckOutlined, EditOutlined } from '@ant-design/icons';
import { useI18n, useT } from '../../i18n/index.js';
import { isMessageKey } from '../../../shared/i18n.js';
import { VERDICTS, type SuggestedVerdict, type Verdict } from '../../../shared/campaigns.codes.js';
import { VERDICT_COLORS } from '../campaigns/campaigns.colors.js';
import type { LedgerRow } from './ledgers.api.js';

export function VerdictTag({ verdict, prefix }: { verdict: SuggestedVerdict; prefix?: string }) {
  const t = useT();
  return (
    <Tag color={VERDICT_COLORS[verdict]} style={{ marginInlineEnd: 4 }}>
      {prefix}
      {t(`campaigns.verdict.${verdict}`)}
    </Tag>
  );
}

/** The system's suggestion: verdict, the clause and the catalog item behind it, the reason and flags. */
export function SuggestionView({ row, compact }: { row: LedgerRow; compact?: boolean }) {
  const { t, keyed } = useI18n();
  const s = row.suggestion;
  const reason = keyed(s.reason);
  return (
    <div style={{ minWidth: compact ? undefined : 220, maxWidth: compact ? undefined : 360 }} data-testid="suggestion">
      <Flex wrap gap={4} align="center">
        <VerdictTag verdict={s.verdict} />
        <Tooltip title={t('ledgers.clauseTip')}>
          <Tag color="blue" variant="outlined" style={{ marginInlineEnd: 4 }} className="jf-mono">
            {s.clause}
          </Tag>
        </Tooltip>
        {s.itemCode ? (
          <Tooltip title={s.itemName}>
            <Typography.Text type="secondary" className="jf-mono" style={{ fontSize: '0.75rem' }}>
              {t('ledgers.catalogItem')} {s.itemCode}
            </Typography.Text>
          </Tooltip>
        ) : null}
      </Flex>
      {s.itemName ? (
        <Typography.Paragraph
          type="secondary"
          style={{ fontSize: '0.75rem', margin: '2px 0 0' }}
          ellipsis={{ rows: 1, tooltip: s.itemName }}
        >
          {t('ledgers.catalogItemName', { name: s.itemName })}
        </Typography.Paragraph>
      ) : null}
      <Typography.Paragraph
        style={{ fontSize: '0.75rem', margin: '2px 0 0' }}
        ellipsis={compact ? false : { rows: 2, tooltip: reason }}
      >
        {reason}
      </Typography.Paragraph>
      {s.flags.length ? (
        <Flex wrap gap={4} style={{ marginTop: 2 }}>
          {s.flags.map((f) => {
            // A finding the locale tables do not know yet (a newer judge) shows its code.
            const key = `campaigns.flag.${f}`;
            return (
              <Tag key={f} color="warning" style={{ fontSize: '0.75rem', marginInlineEnd: 0 }}>
                {isMessageKey(key) ? t(key) : f}
              </Tag>
            );
          })}
        </Flex>
      ) : null}
    </div>
  );
}

/** The cadre's decision on a row, with Accept / Override when the ledger is editable. */
export function DecisionView({
  row,
  editable,
  busy,
  onAccept,
  onOverride,
}: {
  row: LedgerRow;
  editable: boolean;
  busy?: boolean;
  onAccept: () => void;
  onOverride: () => void;
}) {
  const { t } = useI18n();
  const d = row.decision;
  return (
    <div style={{ minWidth: 150 }} data-testid="decision">
      {d ? (
        <div>
          <VerdictTag
            verdict={d.verdict}
            prefix={d.kind === 'overridden' ? t('ledgers.overridden') : t('ledgers.accepted')}
          />
          {d.overrideReason ? (
            <Typography.Paragraph
              type="secondary"
              style={{ fontSize: '0.75rem', margin: '2px 0 0' }}
              ellipsis={{ rows: 2, tooltip: d.overrideReason }}
            >
              {t('ledgers.reason')}：{d.overrideReason}
            </Typography.Paragraph>
          ) : null}
          {row.cleanup.status !== 'none' ? (
            <Tag color={row.cleanup.status === 'closed' ? 'success' : 'processing'} style={{ marginTop: 4 }}>
              {t(row.cleanup.status === 'closed' ? 'ledgers.cleanupClosed' : 'ledgers.cleanupOpen')}
            </Tag>
          ) : null}
        </div>
      ) : (
        <Tag color="default" data-testid="undecided">
          {t('ledgers.undecided')}
        </Tag>
      )}
      {editable ? (
        <Flex gap={4} wrap style={{ marginTop: 4 }}>
          {/* 待核实（目录未完整） is never accepted as it stands: the cadre verifies and overrides with a reason. */}
          {(!d || d.kind === 'overridden') && row.suggestion.verdict !== 'verify' ? (
            <Button
              size="small"
              type={d ? 'default' : 'primary'}
              ghost={!d}
              icon={<CheckOutlined />}
              loading={busy}
              onClick={onAccept}
              data-testid="accept-row"
            >
              {t('ledgers.accept')}
            </Button>
          ) : null}
          <Button size="small" icon={<EditOutlined />} onClick={onOverride} data-testid="override-row">
            {t('ledgers.override')}
          </Button>
        </Flex>
      ) : null}
    </div>
  );
}

/** Choose another verdict; a verdict other than the suggestion needs a reason. */
export function OverrideModal({
  row,
  onClose,
  onSubmit,
}: {
  row: LedgerRow | null;
  onClose: () => void;
  onSubmit: (verdict: Verdict, reason: string) => Promise<unknown>;
}) {
  const { t, keyed } = useI18n();
  const [form] = Form.useForm<{ verdict: Verdict; reason: string }>();
  const [busy, setBusy] = useState(false);
  const verdict = Form.useWatch('verdict', form);
  useEffect(() => {
    if (row)
      form.setFieldsValue({
        verdict: row.decision?.verdict ?? (row.suggestion.verdict === 'verify' ? undefined : row.suggestion.verdict),
        reason: row.decision?.overrideReason ?? '',
      });
  }, [row, form]);
  const needsReason = !!row && verdict !== row.suggestion.verdict;
  return (
    <Modal
      open={!!row}
      title={row ? t('ledgers.overrideTitle', { name: row.name }) : ''}
      onCancel={onClose}
      destroyOnHidden
      okText={t('common.confirm')}
      confirmLoading={busy}
      onOk={async () => {
        const v = await form.validateFields().catch(() => null);
        if (!v) return;
        setBusy(true);
        try {
          await onSubmit(v.verdict, (v.reason ?? '').trim());
          onClose();
        } catch {
          /* shown by the client; the modal stays open */
        } finally {
          setBusy(false);
        }
      }}
    >
      {row ? (
        <Form form={form} layout="vertical" requiredMark={false}>
          <Typography.Paragraph type="secondary">
            {t('ledgers.suggested')}：{t(`campaigns.verdict.${row.suggestion.verdict}`)}（{row.suggestion.clause}）
            {keyed(row.suggestion.reason)}
          </Typography.Paragraph>
          <Form.Item name="verdict" label={t('ledgers.verdict')}>
            <Radio.Group
              optionType="button"
              buttonStyle="solid"
              options={VERDICTS.map((v) => ({ value: v, label: t(`campaigns.verdict.${v}`) }))}
              data-testid="override-verdict"
            />
          </Form.Item>
          <Form.Item
            name="reason"
            label={t('ledgers.overrideReason')}
            rules={
              needsReason
                ? [{ required: true, whitespace: true, min: 2, message: t('ledgers.overrideReasonRequired') }]
                : []
            }
            extra={needsReason ? t('ledgers.overrideReasonHelp') : t('ledgers.overrideSameHelp')}
          >
            <Input.TextArea rows={3} maxLength={500} showCount data-testid="override-reason" />
          </Form.Item>
        </Form>
      ) : null}
    </Modal>
  );
}
