import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input } from 'antd';
import { changePassword, ME_KEY, useMe } from '../../api/auth.js';
import { ApiError } from '../../api/client.js';
import { PageContainer } from '../../components/PageContainer.js';
import { useFeedback } from '../../components/feedback.js';
import { useT } from '../../i18n/index.js';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/** Change one's own password; forced at first sign-in (me.mustChangePassword). */
export default function PasswordPage() {
  const t = useT();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message } = useFeedback();
  const { data: me } = useMe();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const forced = !!me?.mustChangePassword;

  const onFinish = async (v: Values) => {
    setSaving(true);
    setError(null);
    try {
      await changePassword(v.currentPassword, v.newPassword);
      message.success(t('password.done'));
      form.resetFields();
      await qc.invalidateQueries({ queryKey: ME_KEY });
      if (forced) navigate('/', { replace: true });
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      if (e.code === 'unauthenticated') {
        navigate('/login', { replace: true });
        return;
      }
      setError(e.message);
      const fields = e.issues.filter((i) => i.field === 'currentPassword' || i.field === 'newPassword');
      if (fields.length) form.setFields(fields.map((i) => ({ name: i.field as keyof Values, errors: [i.message] })));
    } finally {
      setSaving(false);
    }
  };

  return (
    <PageContainer title={t('password.title')}>
      <Card style={{ maxWidth: 560 }}>
        {forced ? (
          <Alert
            type="warning"
            showIcon
            title={t('password.forced')}
            style={{ marginBottom: 20 }}
            data-testid="password-forced"
          />
        ) : null}
        <Form<Values> form={form} layout="vertical" onFinish={onFinish} requiredMark={false} autoComplete="off">
          <Form.Item
            name="currentPassword"
            label={t('password.current')}
            rules={[{ required: true, message: t('common.required', { field: t('password.current') }) }]}
          >
            <Input.Password autoComplete="current-password" maxLength={128} />
          </Form.Item>
          <Form.Item
            name="newPassword"
            label={t('password.new')}
            extra={t('password.rules')}
            rules={[
              { required: true, message: t('common.required', { field: t('password.new') }) },
              { min: me?.passwordMinLength ?? 8, message: t('password.tooShort', { n: me?.passwordMinLength ?? 8 }) },
              ({ getFieldValue }) => ({
                validator: (_, v: string) =>
                  v && v === getFieldValue('currentPassword')
                    ? Promise.reject(new Error(t('password.sameAsOld')))
                    : Promise.resolve(),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" maxLength={128} />
          </Form.Item>
          <Form.Item
            name="confirm"
            label={t('password.confirm')}
            dependencies={['newPassword']}
            rules={[
              { required: true, message: t('common.required', { field: t('password.confirm') }) },
              ({ getFieldValue }) => ({
                validator: (_, v: string) =>
                  !v || v === getFieldValue('newPassword')
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('password.mismatch'))),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" maxLength={128} />
          </Form.Item>
          {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} /> : null}
          <Button type="primary" htmlType="submit" loading={saving}>
            {t('common.submit')}
          </Button>
        </Form>
      </Card>
    </PageContainer>
  );
}
