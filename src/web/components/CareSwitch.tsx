import { Button } from 'antd';
import { EyeOutlined } from '@ant-design/icons';
import { useI18n } from '../i18n/index.js';
import { useCare } from '../theme/care.js';

/**
 * Switches 关怀模式 (large type, high contrast, larger targets) on and off; a toggle button whose name
 * is its visible text, with the state in aria-pressed. `iconOnly` (narrow headers) keeps the same name.
 */
export function CareSwitch({ dark = false, iconOnly = false }: { dark?: boolean; iconOnly?: boolean }) {
  const { t } = useI18n();
  const { care, setCare } = useCare();
  const name = t('care.switch');
  return (
    <Button
      type="text"
      size="small"
      icon={<EyeOutlined aria-hidden />}
      aria-pressed={care}
      aria-label={iconOnly ? name : undefined}
      title={care ? t('care.on') : t('care.off')}
      data-testid="care-switch"
      onClick={() => setCare(!care)}
      style={{
        color: dark ? '#fff' : undefined,
        fontWeight: care ? 600 : undefined,
        textDecoration: care ? 'underline' : undefined,
        textUnderlineOffset: '0.25em',
      }}
    >
      {iconOnly ? null : name}
    </Button>
  );
}
