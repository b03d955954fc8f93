import { useEffect, useState } from 'react';
import { Link, useLocation } from 'react-router';
import { Button, Flex, Input, Tag, Typography } from 'antd';
import { EnvironmentOutlined } from '@ant-design/icons';
import { useI18n } from '../../../i18n/index.js';
import { CLEARABLE } from '../../../components/ClearIcon.js';

/**
 * The public pages' region: a 6-, 9- or 12-digit division code in `?region=`, remembered on the
 * device (the same key as the other public pages, so a resident picks their village once).
 * There is no public region-search endpoint yet, so the resident types the code and the page shows
 * the name the API answers with.
 */
export const REGION_CODE = /^\d{6}(\d{3})?(\d{3})?$/;
const STORE = 'jianfu.publicRegion';

export function storedRegion(): string {
  try {
    return window.localStorage.getItem(STORE) ?? '';
  } catch {
    return '';
  }
}

export function rememberRegion(code: string) {
  try {
    window.localStorage.setItem(STORE, code);
  } catch {
    /* private mode */
  }
}

/** The division-code input, with the resolved region name underneath once the API has answered. */
export function RegionCodeInput(props: {
  value: string;
  onChange: (v: string) => void;
  resolvedName?: string | null;
  resolvedCode?: string | null;
  id?: string;
  autoFocus?: boolean;
}) {
  const { t } = useI18n();
  const bad = !!props.value && !REGION_CODE.test(props.value.trim());
  const helpId = props.id ? `${props.id}-help` : undefined;
  return (
    <div>
      <Input
        id={props.id}
        autoFocus={props.autoFocus}
        aria-describedby={helpId}
        aria-invalid={bad || undefined}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value.replace(/\s/g, ''))}
        inputMode="numeric"
        maxLength={12}
        allowClear={CLEARABLE}
        size="large"
        prefix={<EnvironmentOutlined aria-hidden style={{ color: 'var(--jf-text-secondary)' }} />}
        placeholder={t('pubCatalogs.regionPlaceholder')}
        status={bad ? 'error' : undefined}
        data-testid="public-region"
      />
      {bad ? (
        <Typography.Text type="danger" style={{ fontSize: '0.75rem' }} id={helpId} role="alert">
          {t('pubCatalogs.regionInvalid')}
        </Typography.Text>
      ) : props.resolvedName && props.resolvedCode && props.resolvedCode.startsWith(props.value.trim()) ? (
        <Flex gap={6} align="center" style={{ marginTop: 4 }} id={helpId}>
          <Tag color="blue" style={{ marginInlineEnd: 0 }} data-testid="public-region-name">
            {props.resolvedName}
          </Tag>
          <Typography.Text type="secondary" className="jf-mono" style={{ fontSize: '0.75rem' }}>
            {props.resolvedCode}
          </Typography.Text>
        </Flex>
      ) : (
        <Typography.Text type="secondary" style={{ fontSize: '0.75rem' }} id={helpId}>
          {t('pubCatalogs.regionHelp')}
        </Typography.Text>
      )}
    </div>
  );
}

/** Switch between the two catalog pages of the portal, keeping the region. */
export function PublicCatalogNav({ region }: { region: string }) {
  const { t } = useI18n();
  const { pathname } = useLocation();
  const qs = REGION_CODE.test(region) ? `?region=${region}` : '';
  const tab = (to: string, text: string) => {
    const active = pathname === to;
    return (
      <Link
        to={`${to}${qs}`}
        style={{
          flex: 1,
          textAlign: 'center',
          padding: '8px 4px',
          borderRadius: 6,
          fontSize: '0.875rem',
          background: active ? 'var(--jf-link)' : '#fff',
          color: active ? '#fff' : 'var(--jf-link)',
          border: '1px solid var(--jf-link)',
          textDecoration: active ? 'none' : undefined,
          fontWeight: active ? 600 : 400,
        }}
        aria-current={active ? 'page' : undefined}
      >
        {text}
      </Link>
    );
  };
  return (
    <Flex
      gap={8}
      style={{ marginBottom: 16 }}
      data-testid="public-catalog-nav"
      role="navigation"
      aria-label={t('public.portal')}
    >
      {tab('/public/check', t('pubCheck.navTitle'))}
      {tab('/public/catalogs', t('pubCatalogs.navTitle'))}
    </Flex>
  );
}

/** `?region=` with the remembered region as the fallback (written back to the URL). */
export function usePublicRegion(
  params: URLSearchParams,
  setParams: (p: URLSearchParams, o?: { replace?: boolean }) => void,
) {
  const region = (params.get('region') ?? '').trim();
  const [input, setInput] = useState(region || storedRegion());
  useEffect(() => {
    if (!region && storedRegion()) {
      const next = new URLSearchParams(params);
      next.set('region', storedRegion());
      setParams(next, { replace: true });
    }
  }, [region, params, setParams]);
  useEffect(() => {
    if (region) setInput(region);
    if (REGION_CODE.test(region)) rememberRegion(region);
  }, [region]);
  return { region, valid: REGION_CODE.test(region), input, setInput };
}

/**
 * The chosen village in one line (name and code) with a “更换” button; `onChange` switches the page
 * back to the code input. Saves a phone's first screen for the answer.
 */
export function RegionLine({ name, code, onChange }: { name: string; code: string; onChange: () => void }) {
  const { t } = useI18n();
  return (
    <Flex gap={8} align="center" wrap data-testid="public-region-line">
      <EnvironmentOutlined aria-hidden style={{ color: 'var(--jf-link)' }} />
      <Typography.Text strong data-testid="public-region-name">
        {name}
      </Typography.Text>
      <Typography.Text type="secondary" className="jf-mono" style={{ fontSize: '0.75rem' }}>
        {code}
      </Typography.Text>
      <Button
        type="link"
        size="small"
        onClick={onChange}
        style={{ paddingInline: 4 }}
        data-testid="public-region-change"
      >
        {t('pubCatalogs.changeRegion')}
      </Button>
    </Flex>
  );
}
