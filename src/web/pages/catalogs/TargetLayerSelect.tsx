import { useMemo } from 'react';
import { useQueries } from '@tanstack/react-query';
import { Select, Tag } from 'antd';
import { ROLE_PERMISSIONS, type Permission } from '../../../shared/roles.js';
import { useMe } from '../../api/auth.js';
import { useI18n } from '../../i18n/index.js';
import { fetchChildren, regionKeys } from '../regions/regions.api.js';

interface Layer {
  code: string;
  name: string;
  level: 'county' | 'township';
}

/**
 * The layers (a district or a township) the signed-in user may act on with `permission`: their own
 * district and its townships for the district lead, their own township for a township officer.
 */
export function useLayers(permission: Permission = 'catalogs.manage'): { layers: Layer[]; loading: boolean } {
  const { data: me } = useMe();
  const grants = useMemo(
    () =>
      (me?.grants ?? []).filter(
        (g) => ROLE_PERMISSIONS[permission].includes(g.role) && (g.level === 'county' || g.level === 'township'),
      ),
    [me, permission],
  );
  const counties = grants.filter((g) => g.level === 'county');
  const children = useQueries({
    queries: counties.map((g) => ({
      queryKey: regionKeys.children(g.regionCode),
      queryFn: () => fetchChildren(g.regionCode),
      staleTime: 5 * 60_000,
    })),
  });
  const layers = useMemo(() => {
    const out = new Map<string, Layer>();
    grants.forEach((g) => {
      out.set(g.regionCode, { code: g.regionCode, name: g.regionName, level: g.level as Layer['level'] });
      if (g.level === 'county') {
        const idx = counties.indexOf(g);
        for (const c of children[idx]?.data ?? [])
          if (c.level === 'township') out.set(c.code, { code: c.code, name: c.name, level: 'township' });
      }
    });
    return [...out.values()];
  }, [grants, counties, children]);
  return { layers, loading: children.some((c) => c.isPending) };
}

/** Picks the layer an adjustment acts on (a district or a township). */
export function TargetLayerSelect(props: {
  value?: string;
  onChange?: (code: string) => void;
  disabled?: boolean;
  id?: string;
}) {
  const { t } = useI18n();
  const { layers, loading } = useLayers();
  return (
    <Select
      id={props.id}
      value={props.value}
      onChange={props.onChange}
      disabled={props.disabled}
      loading={loading}
      placeholder={t('adjust.targetPlaceholder')}
      showSearch={{ filterOption: (input, option) => String(option?.search ?? '').includes(input.trim()) }}
      data-testid="target-layer"
      options={layers.map((l) => ({
        value: l.code,
        search: `${l.name}${l.code}`,
        label: (
          <span>
            {l.name}
            <Tag style={{ marginInlineStart: 6 }} color={l.level === 'county' ? 'blue' : 'cyan'}>
              {l.level === 'county' ? t('adjust.layerDistrict') : t('adjust.layerTownship')}
            </Tag>
          </span>
        ),
      }))}
      style={{ width: '100%' }}
    />
  );
}
