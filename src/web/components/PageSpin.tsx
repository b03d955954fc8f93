import { Spin } from 'antd';
import { useT } from '../i18n/index.js';

/** Full-area loading indicator for lazy pages and the first /api/auth/me. */
export function PageSpin() {
  const t = useT();
  return (
    <div className="jf-full-center" style={{ minHeight: '60vh' }}>
      <Spin size="large" description={t('common.loading')}>
        <div style={{ width: 120, height: 60 }} />
      </Spin>
    </div>
  );
}
