import { CloseCircleFilled } from '@ant-design/icons';
import { useT } from '../i18n/index.js';

/** antd's clear icon named 「清除」 (antd names it "close-circle", which then names the clear button). */
function ClearIcon() {
  const t = useT();
  return <CloseCircleFilled aria-label={t('common.clear')} />;
}

/** Pass as `allowClear={CLEARABLE}` to Input, Select and the date pickers. */
export const CLEARABLE = { clearIcon: <ClearIcon /> };
