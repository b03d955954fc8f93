import { useEffect, useRef, useState } from 'react';
import { Select, Spin, Tag } from 'antd';
import { REGION_LEVEL_LABELS, type RegionLevel } from '../../shared/roles.js';
import { api } from '../api/client.js';
import { useLabel, useT } from '../i18n/index.js';
import { normalizeRegionQuery } from './format.js';
import { CLEARABLE } from './ClearIcon.js';

export interface RegionLite {
  code: string;
  name: string;
  level: RegionLevel;
}

/**
 * A searchable region picker (name, pinyin initials or division code) over GET /api/regions, limited
 * to what the user may see. The value is the 12-digit code.
 */
export function RegionSelect(props: {
  value?: string;
  onChange?: (code: string | undefined, region?: RegionLite) => void;
  placeholder?: string;
  level?: RegionLevel;
  id?: string;
  /** The accessible name when no <label> points at `id` (a filter bar). */
  ariaLabel?: string;
}) {
  const t = useT();
  const [q, setQ] = useState('');
  const [options, setOptions] = useState<RegionLite[]>([]);
  const [loading, setLoading] = useState(false);
  const [picked, setPicked] = useState<RegionLite | undefined>();
  const seq = useRef(0);

  useEffect(() => {
    const mine = ++seq.current;
    const timer = setTimeout(
      () => {
        setLoading(true);
        api<{ items: RegionLite[] }>('/api/regions', {
          query: { q: normalizeRegionQuery(q), level: props.level, limit: 30 },
        })
          .then((r) => mine === seq.current && setOptions(r.items))
          .catch(() => mine === seq.current && setOptions([]))
          .finally(() => mine === seq.current && setLoading(false));
      },
      q ? 250 : 0,
    );
    return () => clearTimeout(timer);
  }, [q, props.level]);

  return (
    <Select
      id={props.id}
      aria-label={props.ariaLabel}
      value={props.value}
      allowClear={CLEARABLE}
      placeholder={props.placeholder ?? t('users.regionPlaceholder')}
      showSearch={{ onSearch: setQ, filterOption: false }}
      notFoundContent={loading ? <Spin size="small" /> : t('regions.noResults')}
      onChange={(code: string | undefined) => {
        const region = options.find((o) => o.code === code);
        setPicked(region);
        props.onChange?.(code, region);
      }}
      options={[
        ...(picked && picked.code === props.value && !options.some((o) => o.code === picked.code) ? [picked] : []),
        ...options,
      ].map((r) => ({
        value: r.code,
        label: <RegionName r={r} />,
      }))}
      style={{ width: '100%' }}
    />
  );
}

/** A region as a choice shows it: its name, level and code. */
export function RegionName({ r }: { r: { code: string; name: string; level: RegionLevel } }) {
  const label = useLabel();
  return (
    <span>
      {r.name}
      <Tag style={{ marginInlineStart: 6 }}>{label(REGION_LEVEL_LABELS[r.level])}</Tag>
      <span className="jf-mono" style={{ color: 'var(--jf-text-secondary)' }}>
        {r.code}
      </span>
    </span>
  );
}
