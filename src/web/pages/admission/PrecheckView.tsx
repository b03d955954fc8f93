import { Alert, Flex, Tag, Typography } from 'antd';
import type { CatalogKind } from '../../../shared/catalogs.js';
import { useI18n } from '../../i18n/index.js';
import { OUTCOME_ALERT, OutcomeTag } from './AdmissionTags.js';
import { PRECHECK_CLAUSES, type PrecheckClause } from '../../../shared/admission.codes.js';
import type { Finding, Precheck } from '../../../shared/admission.js';

const isClause = (id: string): id is PrecheckClause => (PRECHECK_CLAUSES as readonly string[]).includes(id);

/**
 * The pre-check's verdict and every finding with the clause (S-…) and the catalog item it rests on.
 * Used live in the filing form, on the request page and beside the reviewer's decision panel.
 */
export function PrecheckView({ precheck, compact }: { precheck: Precheck; compact?: boolean }) {
  const { t, keyed } = useI18n();
  /** A seed-plan clause's text, or a prohibition's item (its code is the clause). */
  const clauseText = (f: Finding) =>
    isClause(f.clause.id) ? t(`admission.clause.${f.clause.id}`) : (f.item?.name ?? '');
  return (
    <div data-testid="precheck">
      <Alert
        type={OUTCOME_ALERT[precheck.outcome]}
        showIcon
        title={
          <span data-testid="precheck-outcome">
            {t('admission.precheck.outcome')}：{t(`admission.outcome.${precheck.outcome}`)}
          </span>
        }
        description={t(`admission.precheck.hint.${precheck.outcome}`)}
        style={{ marginBottom: 12 }}
      />
      <div role="list">
        {precheck.findings.map((f, i) => (
          <div
            key={`${f.rule}-${i}`}
            role="listitem"
            data-testid="finding"
            style={{ padding: '10px 0', borderTop: i === 0 ? undefined : '1px solid #f0f0f0' }}
          >
            <Flex gap={6} wrap align="center" style={{ marginBottom: 4 }}>
              <OutcomeTag outcome={f.outcome} />
              <Tag color="geekblue" style={{ marginInlineEnd: 0 }} data-testid="finding-clause">
                {f.clause.id}
              </Tag>
            </Flex>
            <Typography.Paragraph style={{ marginBottom: 4 }} data-testid="finding-message">
              {keyed(f.message)}
            </Typography.Paragraph>
            {f.triggers?.length ? (
              <Flex gap={4} wrap align="center" style={{ marginBottom: 4 }} data-testid="finding-triggers">
                <Typography.Text type="secondary" style={{ fontSize: '0.75rem' }}>
                  {t('admission.precheck.triggers')}：
                </Typography.Text>
                {[...new Set(f.triggers.flatMap((x) => x.words))].map((w) => (
                  <Tag key={w} color="red" style={{ marginInlineEnd: 0 }}>
                    {w}
                  </Tag>
                ))}
              </Flex>
            ) : null}
            {compact ? null : (
              <Typography.Paragraph type="secondary" style={{ marginBottom: 4, fontSize: '0.75rem' }}>
                {t('admission.precheck.clause')}（{f.clause.id}）：
                <span data-testid="finding-clause-text">{clauseText(f)}</span>
              </Typography.Paragraph>
            )}
            {f.item ? (
              <Typography.Paragraph
                type="secondary"
                style={{ marginBottom: 0, fontSize: '0.75rem' }}
                data-testid="finding-item"
              >
                {t('admission.precheck.item')}：<span className="jf-mono">{f.item.code}</span> {f.item.name}
                <Tag style={{ marginInlineStart: 6 }}>{t(`catalogs.kind.${f.item.kind as CatalogKind}`)}</Tag>
                {compact ? null : <span>《{f.item.catalogTitle}》</span>}
              </Typography.Paragraph>
            ) : null}
          </div>
        ))}
      </div>
      <Typography.Text type="secondary" style={{ fontSize: '0.75rem' }}>
        {t('admission.precheck.version', { date: precheck.checkedOn, version: precheck.catalogVersionId })}
      </Typography.Text>
    </div>
  );
}
