import type { CSSProperties } from 'react';
import { Alert, Tag, Typography } from 'antd';
import { useI18n } from '../../i18n/index.js';
import type { Alternative } from './certificates.api.js';

/**
 * Where the resident can go instead. The list's own wording is shown as such; the platform's
 * compiled guidance is labelled 平台指引 with its note, so nobody mistakes it for the official text.
 */
export function AlternativeBlock({
  alternative,
  style,
  print,
}: {
  alternative: Alternative | null;
  style?: CSSProperties;
  print?: boolean;
}) {
  const { t } = useI18n();
  if (!alternative || (!alternative.official && !alternative.guidance)) {
    if (print) return null;
    return <Alert type="info" showIcon style={style} title={t('certificates.alt.none')} />;
  }
  if (print)
    return (
      <div style={style} data-testid="alternative">
        {alternative.official ? (
          <p className="jf-a4-p">
            <strong>{t('certificates.alt.official')}：</strong>
            {alternative.official}
          </p>
        ) : null}
        {alternative.guidance ? (
          <p className="jf-a4-p">
            <strong>{t('certificates.alt.guidanceLabel')}：</strong>
            {alternative.guidance}
            <br />
            <span className="jf-a4-note">（{alternative.guidanceNote}）</span>
          </p>
        ) : null}
      </div>
    );
  return (
    <Alert
      type="info"
      showIcon
      style={style}
      data-testid="alternative"
      title={t('certificates.alt.title')}
      description={
        <div>
          {alternative.official ? (
            <Typography.Paragraph style={{ marginBottom: 8 }}>
              <Tag color="blue">{t('certificates.alt.official')}</Tag>
              {alternative.official}
            </Typography.Paragraph>
          ) : null}
          {alternative.guidance ? (
            <>
              <Typography.Paragraph style={{ marginBottom: 4 }}>
                <Tag color="gold">{t('certificates.alt.guidanceLabel')}</Tag>
                {alternative.guidance}
              </Typography.Paragraph>
              <Typography.Text type="secondary" style={{ fontSize: '0.75rem' }}>
                {alternative.guidanceNote}
              </Typography.Text>
            </>
          ) : null}
        </div>
      }
    />
  );
}
