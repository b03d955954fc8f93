import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Empty, Flex, Form, Spin, Tag, Typography } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { layerLabel, type CatalogKind } from '../../../../shared/catalogs.enums.js';
import { isApiError } from '../../../api/client.js';
import { useI18n } from '../../../i18n/index.js';
import { PublicFrame } from '../../verify/PublicFrame.js';
import { publicCatalogs, publicKeys, type PublicCatalog, type PublicItem } from '../../catalogs/catalogs.api.js';
import { SourceLinks } from '../../catalogs/CatalogTags.js';
import { PublicCatalogNav, RegionCodeInput, RegionLine, usePublicRegion } from './publicRegion.js';

const PREFERRED: CatalogKind[] = ['certificate', 'negative_certificate'];

function ItemRow({ i, n, negative }: { i: PublicItem; n: number; negative: boolean }) {
  const { t } = useI18n();
  return (
    <div style={{ padding: '10px 0', borderTop: '1px solid #f0f0f0' }} data-testid="public-item">
      <Flex gap={8} align="flex-start">
        <span
          style={{
            flex: 'none',
            width: 24,
            height: 24,
            borderRadius: 12,
            background: negative ? '#fff1f0' : '#f0f7ff',
            color: negative ? '#cf1322' : '#1d5fc4',
            fontSize: '0.75rem',
            display: 'inline-flex',
            alignItems: 'center',
            justifyContent: 'center',
          }}
        >
          {n}
        </span>
        <div style={{ minWidth: 0, flex: 1 }}>
          <div style={{ fontSize: '0.9375rem', fontWeight: 500, wordBreak: 'break-word' }}>
            {i.name}
            {i.addedBy ? (
              <Tag color="green" style={{ marginInlineStart: 6, fontSize: '0.75rem' }}>
                {t('pubCatalogs.addedBy', { name: i.addedBy })}
              </Tag>
            ) : null}
          </div>
          {negative && i.alternative ? (
            <div style={{ fontSize: '0.8125rem', marginTop: 4, lineHeight: 1.7, wordBreak: 'break-word' }}>
              <Tag color={i.alternativeOfficial ? 'blue' : 'gold'} style={{ fontSize: '0.75rem' }}>
                {i.alternativeOfficial ? t('pubCheck.official') : t('pubCheck.platformGuidance')}
              </Tag>
              <span style={{ color: '#262626' }}>{t('pubCatalogs.whereToGo')}</span>
              {i.alternative}
            </div>
          ) : null}
          <div
            style={{ fontSize: '0.75rem', color: 'var(--jf-text-secondary)', marginTop: 2, wordBreak: 'break-word' }}
          >
            {[
              i.category,
              i.responsibleDepartment,
              i.effectiveFrom ? t('catalogs.since', { date: i.effectiveFrom }) : null,
              i.effectiveTo ? t('pubCatalogs.until', { date: i.effectiveTo }) : null,
            ]
              .filter(Boolean)
              .join(' · ')}
          </div>
          {i.funding ? (
            <div style={{ fontSize: '0.75rem', color: '#595959' }}>{t('pubCatalogs.funding', { text: i.funding })}</div>
          ) : null}
        </div>
      </Flex>
    </div>
  );
}

function CatalogCard({ c, kind }: { c: PublicCatalog; kind: CatalogKind }) {
  const { t } = useI18n();
  const negative = kind === 'negative_certificate';
  return (
    <Card size="small" style={{ marginBottom: 12 }} data-testid="public-catalog">
      <Flex gap={6} wrap align="center" style={{ marginBottom: 6 }}>
        <Tag color={c.complete ? 'success' : 'warning'} style={{ marginInlineEnd: 0 }} data-testid="completeness-tag">
          {c.complete ? t('catalogs.complete') : t('catalogs.partial')}
        </Tag>
        <Tag style={{ marginInlineEnd: 0 }}>{layerLabel(c, t)}</Tag>
        {c.effectiveFrom ? (
          <Tag style={{ marginInlineEnd: 0 }}>{t('catalogs.since', { date: c.effectiveFrom })}</Tag>
        ) : null}
        <Typography.Text type="secondary" style={{ fontSize: '0.75rem' }}>
          {t('catalogs.itemCount', { n: c.items.length })}
        </Typography.Text>
      </Flex>
      <div style={{ fontWeight: 600, fontSize: '0.9375rem', wordBreak: 'break-word' }}>{c.title}</div>
      <Typography.Paragraph
        type={c.complete ? 'secondary' : 'warning'}
        style={{ fontSize: '0.75rem', margin: '4px 0' }}
        data-testid="completeness-note"
      >
        {c.completenessNote}
      </Typography.Paragraph>
      {c.dateNote ? (
        <Typography.Paragraph type="secondary" style={{ fontSize: '0.75rem', margin: '0 0 4px' }}>
          {t('pubCatalogs.dateNote', { text: c.dateNote })}
        </Typography.Paragraph>
      ) : null}
      <SourceLinks url={c.sourceUrl} more={c.secondarySources} empty={null} gap={10} style={{ fontSize: '0.75rem' }} />
      {c.items.length ? (
        <div style={{ marginTop: 8 }}>
          {c.items.map((i, n) => (
            <ItemRow key={i.code} i={i} n={n + 1} negative={negative} />
          ))}
        </div>
      ) : (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={t('pubCatalogs.noItems')}
          style={{ margin: '12px 0 4px' }}
        />
      )}
    </Card>
  );
}

/**
 * /public/catalogs?region=<code> (no login, phone first): the village's effective published catalogs
 * by kind, with dates and sources; partial lists are marked 部分 with their note.
 */
export default function PublicCatalogsPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const { region, valid, input, setInput } = usePublicRegion(params, setParams);
  const q = useQuery({
    queryKey: publicKeys.catalogs(region),
    queryFn: () => publicCatalogs(region),
    enabled: valid,
    retry: false,
    staleTime: 60_000,
  });
  const d = q.data;
  const kindParam = params.get('kind') as CatalogKind | null;
  const kinds = d?.kinds ?? [];
  const active =
    kinds.find((k) => k.kind === kindParam)?.kind ??
    PREFERRED.find((k) => kinds.some((x) => x.kind === k)) ??
    kinds[0]?.kind;

  const [editing, setEditing] = useState(false);
  const go = () => {
    setEditing(false);
    const code = input.trim();
    const next = new URLSearchParams(params);
    if (code) next.set('region', code);
    else next.delete('region');
    setParams(next);
  };

  let body = null;
  if (!region) body = <Empty description={t('pubCatalogs.pickRegion')} />;
  else if (!valid) body = <Alert type="error" showIcon title={t('pubCatalogs.regionInvalid')} />;
  else if (q.isPending)
    body = (
      <div className="jf-full-center" style={{ minHeight: 200 }}>
        <Spin description={t('common.loading')}>
          <div style={{ width: 80, height: 40 }} />
        </Spin>
      </div>
    );
  else if (q.error)
    body = (
      <Alert
        type={isApiError(q.error) && q.error.status === 404 ? 'warning' : 'error'}
        showIcon
        title={isApiError(q.error) && q.error.status === 404 ? t('pubCatalogs.regionNotFound') : t('common.loadFailed')}
        description={q.error.message}
        action={
          <Button size="small" onClick={() => void q.refetch()}>
            {t('common.retry')}
          </Button>
        }
        data-testid="public-catalogs-error"
      />
    );
  else if (d)
    body = (
      <div data-testid="public-catalogs">
        <Typography.Paragraph
          type="secondary"
          style={{ fontSize: '0.75rem', marginBottom: 8 }}
          data-testid="public-catalogs-region"
        >
          {t('pubCatalogs.asOfRegion', { region: d.region.name, date: d.date })} ·{' '}
          {t('pubCatalogs.versionNote', { version: d.catalogVersion })}
        </Typography.Paragraph>
        {kinds.length ? (
          <>
            <Flex gap={6} wrap style={{ marginBottom: 12 }} role="tablist" data-testid="public-kinds">
              {kinds.map((k) => {
                const n = k.catalogs.reduce((m, c) => m + c.items.length, 0);
                const on = k.kind === active;
                return (
                  <button
                    key={k.kind}
                    type="button"
                    role="tab"
                    aria-selected={on}
                    onClick={() => {
                      const next = new URLSearchParams(params);
                      next.set('kind', k.kind);
                      setParams(next, { replace: true });
                    }}
                    style={{
                      fontSize: '0.8125rem',
                      lineHeight: '20px',
                      padding: '4px 10px',
                      borderRadius: 4,
                      cursor: 'pointer',
                      border: `1px solid ${on ? '#1d5fc4' : '#d9d9d9'}`,
                      background: on ? '#1d5fc4' : '#fff',
                      color: on ? '#fff' : '#262626',
                      fontFamily: 'inherit',
                    }}
                  >
                    {t(`catalogs.kindShort.${k.kind}`)} {n}
                  </button>
                );
              })}
            </Flex>
            {kinds
              .filter((k) => k.kind === active)
              .map((k) => (
                <div key={k.kind} role="tabpanel">
                  <Typography.Title level={2} className="jf-h-small" style={{ marginTop: 0 }}>
                    {t(`catalogs.kind.${k.kind}`)}
                  </Typography.Title>
                  {k.catalogs.map((c) => (
                    <CatalogCard key={c.id} c={c} kind={k.kind} />
                  ))}
                </div>
              ))}
          </>
        ) : (
          <Empty description={t('catalogs.noCatalogs')} />
        )}
      </div>
    );

  return (
    <PublicFrame title={t('pubCatalogs.title')} maxWidth={760}>
      <PublicCatalogNav region={region} />
      <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
        {t('pubCatalogs.intro')}
      </Typography.Paragraph>
      <Card size="small" style={{ marginBottom: 16 }}>
        {d && !editing && d.region.code.startsWith(region) ? (
          <RegionLine name={d.region.name} code={d.region.code} onChange={() => setEditing(true)} />
        ) : (
          <Form layout="vertical" onFinish={go} requiredMark={false}>
            <Form.Item label={t('pubCheck.regionLabel')} style={{ marginBottom: 12 }}>
              <RegionCodeInput
                value={input}
                onChange={setInput}
                resolvedName={d?.region.name}
                resolvedCode={d?.region.code}
              />
            </Form.Item>
            <Button
              type="primary"
              htmlType="submit"
              block
              icon={<SearchOutlined />}
              disabled={!/^\d{6}(\d{3})?(\d{3})?$/.test(input.trim())}
              data-testid="public-region-submit"
            >
              {t('pubCatalogs.show')}
            </Button>
          </Form>
        )}
      </Card>
      {body}
    </PublicFrame>
  );
}
