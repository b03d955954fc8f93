import { useEffect, useMemo, useRef, useState } from 'react';
import { Select, Spin, Tag } from 'antd';
import { REGION_LEVEL_LABELS, type RegionLevel } from '../../../shared/roles.js';
import { api } from '../../api/client.js';
import { useMe } from '../../api/auth.js';
import { normalizeRegionQuery } from '../../components/format.js';
import { useLabel, useT } from '../../i18n/index.js';
import { CLEARABLE } from '../../components/ClearIcon.js';

export interface RegionOption {
  code: string;
  name: string;
  level: RegionLevel | string;
}

/**
 * Picks the villages and townships a request applies to (several). Without a search it offers the
 * officer's own region and its townships; typing searches names, pinyin initials and codes over
 * GET /api/regions (limited to what the officer may see). The value is a list of 12-digit codes.
 */
export function RegionMultiSelect(props: {
  id?: string;
  value?: string[];
  onChange?: (codes: string[]) => void;
  initial?: RegionOption[];
}) {
  const t = useT();
  const label = useLabel();
  const { data: me } = useMe();
  const [q, setQ] = useState('');
  const [base, setBase] = useState<RegionOption[]>([]);
  const [found, setFound] = useState<RegionOption[]>([]);
  const [loading, setLoading] = useState(false);
  const known = useRef(new Map<string, RegionOption>());
  const seq = useRef(0);
  const remember = (list: RegionOption[]) => {
    for (const r of list) known.current.set(r.code, r);
    return list;
  };
  for (const r of props.initial ?? []) if (!known.current.has(r.code)) known.current.set(r.code, r);

  const home = me?.region;
  useEffect(() => {
    if (!home) return;
    const own: RegionOption = { code: home.code, name: home.name, level: home.level };
    setBase(remember([own]));
    if (home.level === 'village' || home.level === 'community') return;
    api<{ items: RegionOption[] }>(`/api/regions/${home.code}/children`)
      .then((r) => setBase(remember([own, ...r.items])))
      .catch(() => undefined);
  }, [home?.code, home?.name, home?.level]);

  useEffect(() => {
    const mine = ++seq.current;
    if (!q.trim()) {
      setFound([]);
      return;
    }
    const timer = setTimeout(() => {
      setLoading(true);
      api<{ items: RegionOption[] }>('/api/regions', { query: { q: normalizeRegionQuery(q), limit: 30 } })
        .then(
          (r) =>
            mine === seq.current &&
            setFound(remember(r.items.filter((x) => ['county', 'township', 'village', 'community'].includes(x.level)))),
        )
        .catch(() => mine === seq.current && setFound([]))
        .finally(() => mine === seq.current && setLoading(false));
    }, 250);
    return () => clearTimeout(timer);
  }, [q]);

  const value = props.value ?? [];
  const options = useMemo(() => {
    const list = q.trim() ? found : base;
    const chosen = value.map((c) => known.current.get(c) ?? { code: c, name: c, level: '' });
    const seen = new Set<string>();
    return [...list, ...chosen]
      .filter((r) => (seen.has(r.code) ? false : (seen.add(r.code), true)))
      .map((r) => ({ value: r.code, label: r.name, region: r }));
  }, [q, found, base, value.join(',')]);

  return (
    <Select
      id={props.id}
      mode="multiple"
      value={value}
      allowClear={CLEARABLE}
      placeholder={t('admission.form.targetsPlaceholder')}
      showSearch={{ onSearch: setQ, filterOption: false, searchValue: q }}
      notFoundContent={loading ? <Spin size="small" /> : t('regions.noResults')}
      onChange={(codes: string[]) => {
        setQ('');
        props.onChange?.(codes);
      }}
      options={options}
      optionRender={(o) => {
        const r = (o.data as { region: RegionOption }).region;
        return (
          <span>
            {r.name}
            {r.level ? (
              <Tag style={{ marginInlineStart: 6 }}>{label(REGION_LEVEL_LABELS[r.level as RegionLevel], r.level)}</Tag>
            ) : null}
            <span className="jf-mono" style={{ color: 'var(--jf-text-secondary)' }}>
              {r.code}
            </span>
          </span>
        );
      }}
      style={{ width: '100%' }}
      maxTagCount="responsive"
    />
  );
}
