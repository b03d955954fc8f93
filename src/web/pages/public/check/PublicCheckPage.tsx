import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Form, Input, Spin, Tag, Typography } from 'antd';
import { CheckCircleFilled, CloseCircleFilled, QuestionCircleFilled, SearchOutlined } from '@ant-design/icons';
import { isApiError } from '../../../api/client.js';
import { useI18n } from '../../../i18n/index.js';
import { PublicFrame } from '../../verify/PublicFrame.js';
import { certificateCheck, publicKeys, type CertificateCheck } from '../../catalogs/catalogs.api.js';
import { PublicCatalogNav, RegionCodeInput, RegionLine, usePublicRegion } from '../catalogs/publicRegion.js';
import { CLEARABLE } from '../../../components/ClearIcon.js';

const EXAMPLES = ['亲属关系证明', '入党政审证明', '居住证明', '无犯罪记录证明', '出生证明'];

// Verdict colours read at 4.5:1 or more on their backgrounds; the verdict is always written out too.
const VERDICT_STYLE = {
  positive: { color: '#237804', bg: '#f6ffed', border: '#b7eb8f', icon: <CheckCircleFilled aria-hidden /> },
  negative: { color: '#cf1322', bg: '#fff1f0', border: '#ffa39e', icon: <CloseCircleFilled aria-hidden /> },
  unlisted: { color: '#ad4e00', bg: '#fff7e6', border: '#ffd591', icon: <QuestionCircleFilled aria-hidden /> },
} as const;

/** The verdict heading: focus moves there when an answer the visitor asked for arrives. */
const VERDICT_HEADING_ID = 'check-verdict-heading';

function Verdict({ r, onAsk }: { r: CertificateCheck; onAsk: (q: string) => void }) {
  const { t } = useI18n();
  const s = VERDICT_STYLE[r.verdict];
  const others = r.candidates.filter((c) => c.code !== r.item?.code).slice(0, 5);
  return (
    <Card
      styles={{ body: { padding: 0 } }}
      data-testid="check-result"
      data-verdict={r.verdict}
      role="region"
      aria-labelledby={VERDICT_HEADING_ID}
    >
      <div
        style={{
          background: s.bg,
          borderBottom: `1px solid ${s.border}`,
          padding: '16px 16px 12px',
          borderRadius: '8px 8px 0 0',
        }}
      >
        <Flex gap={10} align="center">
          <span style={{ color: s.color, fontSize: '1.875rem', lineHeight: 1 }}>{s.icon}</span>
          <div style={{ minWidth: 0 }}>
            <h2
              id={VERDICT_HEADING_ID}
              tabIndex={-1}
              style={{ color: s.color, fontSize: '1.25rem', fontWeight: 700, lineHeight: 1.3, margin: 0 }}
              data-testid="check-verdict"
            >
              {t(`catalogs.verdict.${r.verdict}`)}
            </h2>
            <div style={{ color: 'var(--jf-text-secondary)', fontSize: '0.8125rem', wordBreak: 'break-word' }}>
              {t('pubCheck.asked', { q: r.query, region: r.region.name })}
            </div>
          </div>
        </Flex>
      </div>
      <div style={{ padding: 16 }}>
        {r.verdict === 'positive' && r.item ? (
          <>
            <Typography.Paragraph style={{ fontSize: '0.9375rem' }}>
              {t('pubCheck.positive', { region: r.region.name, name: r.item.name })}
            </Typography.Paragraph>
            <Block title={t('pubCheck.basis')}>
              <div>{r.item.catalog}</div>
              {r.item.basis && r.item.basis !== r.item.catalog ? (
                <div style={{ color: '#595959', marginTop: 4 }}>{r.item.basis}</div>
              ) : null}
            </Block>
            <Typography.Paragraph type="secondary" style={{ fontSize: '0.75rem', marginBottom: 0 }}>
              {t('pubCheck.positiveNote')}
            </Typography.Paragraph>
          </>
        ) : null}
        {r.verdict === 'negative' && r.item ? (
          <>
            <Typography.Paragraph style={{ fontSize: '0.9375rem' }}>
              {t('pubCheck.negative', { name: r.item.name })}
            </Typography.Paragraph>
            <Block title={t('pubCheck.whereToGo')} testId="check-alternative" highlight focusable>
              {r.alternative ? (
                <>
                  <Tag color={r.alternativeOfficial ? 'blue' : 'gold'} style={{ marginBottom: 4 }}>
                    {r.alternativeOfficial ? t('pubCheck.official') : t('pubCheck.platformGuidance')}
                  </Tag>
                  <div style={{ fontSize: '0.9375rem', lineHeight: 1.7 }}>{r.alternative}</div>
                  {!r.alternativeOfficial ? (
                    <div
                      style={{ color: 'var(--jf-text-secondary)', fontSize: '0.75rem', marginTop: 6 }}
                      data-testid="guidance-note"
                    >
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
            <Typography.Paragraph style={{ fontSize: '0.9375rem' }}>
              {t('pubCheck.unlisted', { q: r.query, region: r.region.name })}
            </Typography.Paragraph>
            <Block title={t('pubCheck.whatToDo')} highlight testId="check-unlisted-advice" focusable>
              <div style={{ fontSize: '0.9375rem', lineHeight: 1.7 }}>{t('pubCheck.unlistedAdvice')}</div>
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
        <Typography.Paragraph type="secondary" style={{ fontSize: '0.75rem', marginTop: 16, marginBottom: 0 }}>
          {t('pubCheck.footnote', { region: r.region.name, date: r.date, version: r.catalogVersion })}
        </Typography.Paragraph>
      </div>
    </Card>
  );
}

/**
 * A titled block of the answer. `focusable` blocks (where to go instead, what to do) are a Tab stop
 * right after the verdict, so a keyboard or screen-reader user reaches the way forward at once.
 */
function Block({
  title,
  children,
  highlight,
  testId,
  focusable,
}: {
  title: string;
  children: ReactNode;
  highlight?: boolean;
  testId?: string;
  focusable?: boolean;
}) {
  const headingId = useId();
  return (
    <div
      data-testid={testId}
      role={focusable ? 'region' : undefined}
      aria-labelledby={focusable ? headingId : undefined}
      tabIndex={focusable ? 0 : undefined}
      style={{
        border: `1px solid ${highlight ? '#91caff' : '#f0f0f0'}`,
        background: highlight ? '#f0f7ff' : '#fafafa',
        borderRadius: 6,
        padding: '10px 12px',
        marginBottom: 12,
        wordBreak: 'break-word',
      }}
    >
      <h3 id={headingId} style={{ fontSize: 'inherit', fontWeight: 600, margin: '0 0 4px' }}>
        {title}
      </h3>
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
  // On a phone the answer is below the form: bring it into view when it arrives. When the visitor
  // asked on this page, focus moves to the verdict (or the error) so that it is read out at once.
  const resultRef = useRef<HTMLDivElement>(null);
  const askedHere = useRef(false);
  const answered = check.data ?? check.error;
  useEffect(() => {
    const el = resultRef.current;
    if (!answered || !el) return;
    if (askedHere.current) {
      askedHere.current = false;
      const target = check.data
        ? document.getElementById(VERDICT_HEADING_ID)
        : el.querySelector<HTMLElement>('[role=alert]');
      target?.focus({ preventScroll: true });
    }
    if (el.getBoundingClientRect().top > window.innerHeight * 0.35)
      el.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }, [answered, check.data]);

  const ask = (name: string, code = input.trim()) => {
    askedHere.current = true;
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
          <Form.Item label={t('pubCheck.nameLabel')} htmlFor="check-query-input" style={{ marginBottom: 8 }}>
            <Input
              id="check-query-input"
              value={text}
              onChange={(e) => setText(e.target.value)}
              maxLength={100}
              size="large"
              allowClear={CLEARABLE}
              placeholder={t('pubCheck.namePlaceholder')}
              enterKeyHint="search"
              data-testid="check-query"
            />
          </Form.Item>
          <Flex gap={6} wrap style={{ marginBottom: 12 }} role="group" aria-label={t('pubCheck.examples')}>
            {EXAMPLES.map((e) => (
              <Button
                key={e}
                size="small"
                shape="round"
                aria-pressed={text.trim() === e}
                onClick={() => setText(e)}
                data-testid="check-example"
              >
                {e}
              </Button>
            ))}
          </Flex>
          <Form.Item
            label={t('pubCheck.regionLabel')}
            htmlFor={editingRegion || !check.data ? 'check-region-input' : undefined}
            style={{ marginBottom: 12 }}
          >
            {check.data && !editingRegion && input.trim() === region && check.data.region.code.startsWith(region) ? (
              <RegionLine
                name={check.data.region.name}
                code={check.data.region.code}
                onChange={() => setEditingRegion(true)}
              />
            ) : (
              <RegionCodeInput
                id="check-region-input"
                autoFocus={editingRegion}
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
      {/* Read out by screen readers whatever has focus: the state of the question in one sentence. */}
      <div role="status" className="jf-sr-only" data-testid="check-announcement">
        {!q || !valid
          ? ''
          : check.isPending
            ? t('pubCheck.checking')
            : check.data
              ? t('pubCheck.announce', {
                  verdict: t(`catalogs.verdict.${check.data.verdict}`),
                  asked: t('pubCheck.asked', { q: check.data.query, region: check.data.region.name }),
                })
              : check.error
                ? t('pubCheck.failed')
                : ''}
      </div>
      <div ref={resultRef} style={{ scrollMarginTop: 12 }}>
        {result}
      </div>
      {!q ? (
        <Typography.Paragraph type="secondary" style={{ fontSize: '0.75rem' }}>
          {t('pubCheck.howItWorks')}
        </Typography.Paragraph>
      ) : null}
    </PublicFrame>
  );
}
