import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Radio, Space, Tag, Typography } from 'antd';
import { useFeedback } from '../../components/feedback.js';
import { useI18n } from '../../i18n/index.js';
import { useStoredName } from './AdmissionTags.js';
import { admissionKeys, decideRequest } from './admission.api.js';
import type { RequestDetail } from '../../../shared/admission.js';

type Choice = 'approve' | 'conditions' | 'return' | 'reject';

/**
 * The reviewer's decision on the open step: approve, approve with conditions, return for changes or
 * reject (the last two need a reason). The decision is bound to the revision on screen; if the
 * department changed the request meanwhile, the server answers 409 and the page reloads it.
 */
export function DecisionPanel({ detail }: { detail: RequestDetail }) {
  const { t } = useI18n();
  const stored = useStoredName();
  const qc = useQueryClient();
  const { message } = useFeedback();
  const [form] = Form.useForm<{ comment?: string; conditions?: string; reason?: string }>();
  const [choice, setChoice] = useState<Choice>('approve');
  const open = detail.steps.find((s) => s.status === 'open');

  const decide = useMutation({
    mutationFn: async () => {
      const v = await form.validateFields();
      return decideRequest(detail.id, {
        version: detail.version,
        revision: detail.revision,
        action: choice === 'conditions' ? 'approve' : choice,
        comment: (v.comment ?? '').trim(),
        conditions: choice === 'conditions' ? (v.conditions ?? '').trim() : '',
        reason: choice === 'return' || choice === 'reject' ? (v.reason ?? '').trim() : '',
      });
    },
    onSuccess: (r) => {
      qc.setQueryData(admissionKeys.detail(r.id), r);
      void qc.invalidateQueries({ queryKey: admissionKeys.all });
      form.resetFields();
      message.success(t('admission.decide.done'));
    },
    onError: (e) => {
      if ((e as { code?: string }).code === 'conflict')
        void qc.invalidateQueries({ queryKey: admissionKeys.detail(detail.id) });
    },
  });

  const needsReason = choice === 'return' || choice === 'reject';
  return (
    <Card
      title={t('admission.decide.title')}
      size="small"
      data-testid="decision-panel"
      styles={{ header: { background: '#f0f5ff' } }}
    >
      {open ? (
        <Typography.Paragraph style={{ marginBottom: 8 }}>
          {t('admission.decide.step')}：<Tag color="blue">{t(`admission.step.${open.step}`)}</Tag>
          {stored(open.body)}
          {open.dueOn ? (
            <>
              <br />
              {t('admission.decide.due')}：{open.dueOn}
              {open.overdue ? (
                <Tag color="error" style={{ marginInlineStart: 6 }}>
                  {t('admission.detail.overdue')}
                </Tag>
              ) : null}
            </>
          ) : null}
        </Typography.Paragraph>
      ) : null}
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        title={t('admission.decide.boundTo', { revision: detail.revision })}
      />
      <Form form={form} layout="vertical" disabled={decide.isPending}>
        <Form.Item label={t('admission.decide.action')}>
          <Radio.Group
            value={choice}
            onChange={(e) => setChoice(e.target.value as Choice)}
            data-testid="decision-choice"
          >
            <Space orientation="vertical">
              <Radio value="approve">{t('admission.decide.approve')}</Radio>
              <Radio value="conditions">{t('admission.decide.approveWithConditions')}</Radio>
              <Radio value="return">{t('admission.decide.return')}</Radio>
              <Radio value="reject">{t('admission.decide.reject')}</Radio>
            </Space>
          </Radio.Group>
        </Form.Item>
        {choice === 'conditions' ? (
          <Form.Item
            name="conditions"
            label={t('admission.decide.conditions')}
            rules={[{ required: true, whitespace: true, message: t('admission.decide.conditionsRequired') }]}
          >
            <Input.TextArea rows={3} maxLength={1000} placeholder={t('admission.decide.conditionsPlaceholder')} />
          </Form.Item>
        ) : null}
        {needsReason ? (
          <Form.Item
            name="reason"
            label={t('admission.decide.reason')}
            rules={[{ required: true, whitespace: true, message: t('admission.decide.reasonRequired') }]}
          >
            <Input.TextArea
              rows={3}
              maxLength={1000}
              placeholder={t(
                choice === 'reject' ? 'admission.decide.rejectPlaceholder' : 'admission.decide.returnPlaceholder',
              )}
            />
          </Form.Item>
        ) : null}
        <Form.Item name="comment" label={t('admission.decide.comment')}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
        <Button
          type="primary"
          danger={choice === 'reject'}
          block
          loading={decide.isPending}
          onClick={() => decide.mutate()}
          data-testid="decision-submit"
        >
          {t(`admission.decide.confirm.${choice}` as 'admission.decide.confirm.approve')}
        </Button>
      </Form>
    </Card>
  );
}
