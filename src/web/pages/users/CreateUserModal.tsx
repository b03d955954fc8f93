import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Form, Input, Modal, Select } from 'antd';
import { ApiError } from '../../api/client.js';
import { RegionSelect } from '../../components/RegionSelect.js';
import { useFeedback } from '../../components/feedback.js';
import { useIsMobile } from '../../components/useIsMobile.js';
import { useT } from '../../i18n/index.js';
import { createUser, userKeys, type Department, type NewUser } from './users.api.js';
import { CLEARABLE } from '../../components/ClearIcon.js';

/** 新增用户: the new account must change this initial password at first sign-in. */
export function CreateUserModal({ departments, onClose }: { departments: Department[]; onClose: () => void }) {
  const t = useT();
  const qc = useQueryClient();
  const { message } = useFeedback();
  const isMobile = useIsMobile();
  const [form] = Form.useForm<NewUser>();
  const [saving, setSaving] = useState(false);
  const required = (field: string) => ({ required: true, whitespace: true, message: t('common.required', { field }) });

  const submit = async () => {
    const v = await form.validateFields();
    setSaving(true);
    try {
      const created = await createUser({
        ...v,
        username: v.username.trim(),
        displayName: v.displayName.trim(),
        departmentId: v.departmentId || null,
      });
      message.success(t('users.created', { name: created.displayName }));
      await qc.invalidateQueries({ queryKey: userKeys.all });
      onClose();
    } catch (e) {
      // The client already showed the message; mark the fields the server named.
      if (e instanceof ApiError && e.issues.length)
        form.setFields(e.issues.map((i) => ({ name: i.field as keyof NewUser, errors: [i.message] })));
      else if (e instanceof ApiError && e.code === 'conflict')
        form.setFields([{ name: 'username', errors: [e.message] }]);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={t('users.create')}
      onCancel={onClose}
      onOk={() => void submit()}
      confirmLoading={saving}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      width={isMobile ? '100%' : 560}
      destroyOnHidden
      mask={{ closable: false }}
    >
      <Form form={form} layout="vertical" requiredMark autoComplete="off" data-testid="create-user-form">
        <Form.Item
          name="username"
          label={t('users.username')}
          extra={t('users.usernameHelp')}
          rules={[
            required(t('users.username')),
            { pattern: /^[a-zA-Z0-9_.-]{3,64}$/, message: t('users.usernameInvalid') },
          ]}
        >
          <Input maxLength={64} autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="displayName"
          label={t('users.displayName')}
          rules={[required(t('users.displayName')), { max: 50 }]}
        >
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item
          name="regionCode"
          label={t('users.region')}
          rules={[{ required: true, message: t('common.required', { field: t('users.region') }) }]}
        >
          <RegionSelect />
        </Form.Item>
        <Form.Item name="departmentId" label={t('users.department')}>
          <Select
            allowClear={CLEARABLE}
            placeholder={t('users.departmentPlaceholder')}
            showSearch={{ optionFilterProp: 'label' }}
            options={departments.map((d) => ({ value: d.id, label: d.name }))}
          />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('users.password')}
          extra={t('users.passwordHelp')}
          rules={[
            { required: true, message: t('common.required', { field: t('users.password') }) },
            { min: 8, message: t('password.tooShort') },
          ]}
        >
          <Input.Password maxLength={128} autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
