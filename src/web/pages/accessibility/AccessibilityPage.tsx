import { Typography } from 'antd';
import { useI18n } from '../../i18n/index.js';
import { PublicFrame } from '../verify/PublicFrame.js';
import { STATEMENT } from './statement.js';

/** /accessibility — 无障碍声明 (public, linked from every footer): what we follow, what helps, how to tell us. */
export default function AccessibilityPage() {
  const { t, locale } = useI18n();
  const s = STATEMENT[locale === 'zh-CN' ? 'zh' : 'en'];
  return (
    <PublicFrame title={t('a11y.statementLink')} maxWidth={720}>
      <div data-testid="accessibility-statement" style={{ fontSize: '1rem', lineHeight: 1.75 }}>
        <Typography.Paragraph style={{ fontSize: 'inherit' }}>{s.intro}</Typography.Paragraph>
        {s.sections.map((sec) => (
          <section key={sec.heading} style={{ marginBottom: '1.25rem' }}>
            <h2 style={{ fontSize: '1.125rem', fontWeight: 600, margin: '0 0 0.5rem' }}>{sec.heading}</h2>
            {sec.paragraphs?.map((p) => (
              <Typography.Paragraph key={p} style={{ fontSize: 'inherit', marginBottom: '0.5rem' }}>
                {p}
              </Typography.Paragraph>
            ))}
            {sec.items ? (
              <ul style={{ paddingInlineStart: '1.25rem', margin: 0 }}>
                {sec.items.map((i) => (
                  <li key={i} style={{ marginBottom: '0.375rem' }}>
                    {i}
                  </li>
                ))}
              </ul>
            ) : null}
          </section>
        ))}
      </div>
    </PublicFrame>
  );
}
