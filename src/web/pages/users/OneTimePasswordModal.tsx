import { Alert, Modal, Typography } from 'antd';
import { useT } from '../../i18n/index.js';

/** Shows a one-time password once (after a reset); it is not stored anywhere in clear. */
export function OneTimePasswordModal({
  value,
  onClose,
}: {
  value: { name: string; password: string } | null;
  onClose: () => void;
}) {
  const t = useT();
  return (
    <Modal
      open={!!value}
      title={t('users.oneTimeTitle', { name: value?.name ?? '' })}
      onOk={onClose}
      onCancel={onClose}
      cancelButtonProps={{ style: { display: 'none' } }}
      okText={t('users.oneTimeDone')}
    >
      <Alert type="warning" showIcon title={t('users.oneTimeNote')} style={{ marginBottom: 12 }} />
      <Typography.Paragraph copyable style={{ fontSize: 20, marginBottom: 0 }} data-testid="one-time-password">
        <Typography.Text code>{value?.password}</Typography.Text>
      </Typography.Paragraph>
    </Modal>
  );
}
