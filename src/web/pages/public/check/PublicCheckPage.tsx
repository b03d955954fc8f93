import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Form, Input, Spin, Tag, Typography } from 'antd';
import { CheckCircleFilled, CloseCircleFilled, QuestionCircleFilled, SearchOutlined } from '@ant-design/icons';
import { isApiError } from '../../../api/client.js';
import { useI18n } from '../../../i18n/index.js';
import { PublicFrame } from '../../verify/PublicFrame.js';
import { certificateCheck, publicKeys, type CertificateCheck } from '../../catalogs/catalogs.api.js';
import { PublicCatalogNav, RegionCodeInput, RegionLine, usePublicRegion } from '../catalogs/publicRegion.js';

const EXAMPLES = ['亲属关系证明', '入党政审证明', '居住证明', '无犯罪记录证明', '出生证明'];

const VERDICT_STYLE = {
  positive: { color: '#389e0d', bg: '#f6ffed', border: '#b7eb8f', icon: <CheckCircleFilled /> },
  negative: { color: '#cf1322', bg: '#fff1f0', border: '#ffa39e', icon: <CloseCircleFilled /> },
  unlisted: { color: '#d46b08', bg: '#fff7e6', border: '#ffd591', icon: <QuestionCircleFilled /> },
} as const;

function Verdict({ r, onAsk }: { r: CertificateCheck; onAsk: (q: string) => void }) {
  const { t } = useI18n();
  const s = VERDICT_STYLE[r.verdict];
  const others = r.candidates.filter((c) => c.code !== r.item?.code).slice(0, 5);
  return (
    <Card styles={{ body: { padding: 0 } }} data-testid="check-result" data-verdict={r.verdict}>
      <div
        style={{
          background: s.bg,
          borderBottom: `1px solid ${s.border}`,
          padding: '16px 16px 12px',
          borderRadius: '8px 8px 0 0',
        }}
      >
        <Flex gap={10} align="center">
          <span style={{ color: s.color, fontSize: 30, lineHeight: 1 }}>{s.icon}</span>
          <div style={{ minWidth: 0 }}>
            <div style={{ color: s.color, fontSize: 20, fontWeight: 700, lineHeight: 1.3 }} data-testid="check-verdict">
              {t(`catalogs.verdict.${r.verdict}`)}
            </div>
            <div style={{ color: '#595959', fontSize: 13, wordBreak: 'break-word' }}>
              {t('pubCheck.asked', { q: r.query, region: r.region.name })}
            </div>
          </div>
        </Flex>
      </div>
      <div style={{ padding: 16 }}>
        {r.verdict === 'positive' && r.item ? (
          <>
            <Typography.Paragraph style={{ fontSize: 15 }}>
              {t('pubCheck.positive', { region: r.region.name, name: r.item.name })}
            </Typography.Paragraph>
            <Block title={t('pubCheck.basis')}>
              <div>{r.item.catalog}</div>
              {r.item.basis && r.item.basis !== r.item.catalog ? (
                <div style={{ color: '#595959', marginTop: 4 }}>{r.item.basis}</div>
              ) : null}
            </Block>
            <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 0 }}>
              {t('pubCheck.positiveNote')}
            </Typography.Paragraph>
          </>
        ) : null}
        {r.verdict === 'negative' && r.item ? (
          <>
            <Typography.Paragraph style={{ fontSize: 15 }}>
              {t('pubCheck.negative', { name: r.item.name })}
            </Typography.Paragraph>
            <Block title={t('pubCheck.whereToGo')} testId="check-alternative" highlight>
              {r.alternative ? (
                <>
                  <Tag color={r.alternativeOfficial ? 'blue' : 'gold'} style={{ marginBottom: 4 }}>
                    {r.alternativeOfficial ? t('pubCheck.official') : t('pubCheck.platformGuidance')}
                  </Tag>
                  <div style={{ fontSize: 15, lineHeight: 1.7 }}>{r.alternative}</div>
                  {!r.alternativeOfficial ? (
                    <div style={{ color: '#8c8c8c', fontSize: 12, marginTop: 6 }} data-testid="guidance-note">
                      {t('pubCheck.guidanceNote')}
                    </div>
                  ) : null}
                </>
              ) : (
                <div>{t('pubCheck.noAlternative')}</div>
              )}
            </Block>
            <Block title={t('pubCheck.basis')}>
              <div>{r.item.catalog}</div>
            </Block>
          </>
        ) : null}
        {r.verdict === 'unlisted' ? (
          <>
            <Typography.Paragraph style={{ fontSize: 15 }}>
              {t('pubCheck.unlisted', { q: r.query, region: r.region.name })}
            </Typography.Paragraph>
            <Block title={t('pubCheck.whatToDo')} highlight testId="check-unlisted-advice">
              <div style={{ fontSize: 15, lineHeight: 1.7 }}>{t('pubCheck.unlistedAdvice')}</div>
            </Block>
          </>
        ) : null}
        {others.length ? (
          <div style={{ marginTop: 16 }} data-testid="check-candidates">
            <Typography.Text strong>
              {r.verdict === 'unlisted' ? t('pubCheck.closest') : t('pubCheck.others')}
            </Typography.Text>
            <div style={{ marginTop: 6 }}>
              {others.map((c) => (
                <button
                  key={c.code}
                  type="button"
                  onClick={() => onAsk(c.name)}
                  style={{
                    display: 'flex',
                    width: '100%',
                    gap: 8,
                    alignItems: 'center',
                    textAlign: 'left',
                    background: 'none',
                    border: 0,
                    borderTop: '1px solid #f0f0f0',
                    padding: '8px 0',
                    cursor: 'pointer',
                    font: 'inherit',
                  }}
                >
                  <Tag
                    color={c.kind === 'negative_certificate' ? 'red' : c.kind === 'certificate' ? 'green' : 'default'}
                    style={{ marginInlineEnd: 0, flex: 'none' }}
                  >
                    {c.kind === 'negative_certificate'
                      ? t('pubCheck.tagNegative')
                      : c.kind === 'certificate'
                        ? t('pubCheck.tagPositive')
                        : t('pubCheck.tagOther')}
                  </Tag>
                  <span style={{ minWidth: 0, wordBreak: 'break-word', color: '#1d5fc4' }}>{c.name}</span>
                </button>
              ))}
            </div>
          </div>
        ) : null}
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 16, marginBottom: 0 }}>
          {t('pubCheck.footnote', { region: r.region.name, date: r.date, version: r.catalogVersion })}
        </Typography.Paragraph>
      </div>
    </Card>
  );
}

function Block({
  title,
  children,
  highlight,
  testId,
}: {
  title: string;
  children: ReactNode;
  highlight?: boolean;
  testId?: string;
}) {
  return (
    <div
      data-testid={testId}
      style={{
        border: `1px solid ${highlight ? '#91caff' : '#f0f0f0'}`,
        background: highlight ? '#f0f7ff' : '#fafafa',
        borderRadius: 6,
        padding: '10px 12px',
        marginBottom: 12,
        wordBreak: 'break-word',
      }}
    >
      <div style={{ fontWeight: 600, marginBottom: 4 }}>{title}</div>
      {children}
    </div>
  );
}

/**
 * /public/check — “我村能不能开这个证明？” (no login, phone first): a certificate name and the village,
 * answered from the village's published lists: 可以开具 (with the basis), 不应由村（社区）开具 (with
 * where to go instead; the platform's own guidance is labelled as such), or 未列入清单 (what to do).
 */
export default function PublicCheckPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const { region, valid, input, setInput } = usePublicRegion(params, setParams);
  const q = (params.get('q') ?? '').trim();
  const [text, setText] = useState(q);
  const [editingRegion, setEditingRegion] = useState(false);
  useEffect(() => setText(q), [q]);

  const check = useQuery({
    queryKey: publicKeys.check(q, region),
    queryFn: () => certificateCheck(q, region),
    enabled: valid && !!q,
    retry: false,
    staleTime: 60_000,
  });
  // On a phone the answer is below the form: bring it into view when it arrives.
  const resultRef = useRef<HTMLDivElement>(null);
  const answered = check.data ?? check.error;
  useEffect(() => {
    const el = resultRef.current;
    if (!answered || !el) return;
    if (el.getBoundingClientRect().top > window.innerHeight * 0.35)
      el.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }, [answered]);

  const ask = (name: string, code = input.trim()) => {
    setEditingRegion(false);
    const next = new URLSearchParams();
    if (code) next.set('region', code);
    if (name.trim()) next.set('q', name.trim().slice(0, 100));
    setParams(next);
  };
  const canAsk = !!text.trim() && /^\d{6}(\d{3})?(\d{3})?$/.test(input.trim());

  let result = null;
  if (q && valid) {
    if (check.isPending)
      result = (
        <Card>
          <div className="jf-full-center" style={{ minHeight: 160 }}>
            <Spin description={t('pubCheck.checking')}>
              <div style={{ width: 80, height: 40 }} />
            </Spin>
          </div>
        </Card>
      );
    else if (check.error)
      result = (
        <Alert
          type={isApiError(check.error) && check.error.status === 404 ? 'warning' : 'error'}
          showIcon
          title={
            isApiError(check.error) && check.error.status === 404
              ? t('pubCatalogs.regionNotFound')
              : isApiError(check.error) && check.error.status === 429
                ? t('pubCheck.rateLimited')
                : t('pubCheck.failed')
          }
          description={check.error.message}
          action={
            <Button size="small" onClick={() => void check.refetch()}>
              {t('common.retry')}
            </Button>
          }
          data-testid="check-error"
        />
      );
    else if (check.data) result = <Verdict r={check.data} onAsk={(name) => ask(name, region)} />;
  }

  return (
    <PublicFrame title={t('pubCheck.title')} maxWidth={640}>
      <PublicCatalogNav region={region} />
      <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
        {t('pubCheck.intro')}
      </Typography.Paragraph>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Form layout="vertical" onFinish={() => canAsk && ask(text)} requiredMark={false}>
          <Form.Item label={t('pubCheck.nameLabel')} style={{ marginBottom: 8 }}>
            <Input
              value={text}
              onChange={(e) => setText(e.target.value)}
              maxLength={100}
              size="large"
              allowClear
              placeholder={t('pubCheck.namePlaceholder')}
              enterKeyHint="search"
              data-testid="check-query"
            />
          </Form.Item>
          <Flex gap={6} wrap style={{ marginBottom: 12 }}>
            {EXAMPLES.map((e) => (
              <Tag key={e} style={{ cursor: 'pointer', marginInlineEnd: 0 }} onClick={() => setText(e)}>
                {e}
              </Tag>
            ))}
          </Flex>
          <Form.Item label={t('pubCheck.regionLabel')} style={{ marginBottom: 12 }}>
            {check.data && !editingRegion && input.trim() === region && check.data.region.code.startsWith(region) ? (
              <RegionLine
                name={check.data.region.name}
                code={check.data.region.code}
                onChange={() => setEditingRegion(true)}
              />
            ) : (
              <RegionCodeInput
                value={input}
                onChange={setInput}
                resolvedName={check.data?.region.name}
                resolvedCode={check.data?.region.code}
              />
            )}
          </Form.Item>
          <Button
            type="primary"
            htmlType="submit"
            size="large"
            block
            icon={<SearchOutlined />}
            disabled={!canAsk}
            data-testid="check-submit"
          >
            {t('pubCheck.submit')}
          </Button>
        </Form>
      </Card>
      <div ref={resultRef} style={{ scrollMarginTop: 12 }}>
        {result}
      </div>
      {!q ? (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          {t('pubCheck.howItWorks')}
        </Typography.Paragraph>
      ) : null}
    </PublicFrame>
  );
}
