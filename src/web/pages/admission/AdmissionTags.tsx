import { Link } from 'react-router';
import { Tag, Typography } from 'antd';
import { zh } from '../../../shared/i18n.js';
import type {
  Decision,
  EffectState,
  PrecheckOutcome,
  RequestKind,
  RequestStatus,
} from '../../../shared/admission.codes.js';
import { useI18n } from '../../i18n/index.js';

const STATUS_COLORS: Record<RequestStatus, string> = {
  draft: 'default',
  in_review: 'processing',
  returned: 'warning',
  refused: 'error',
  rejected: 'error',
  approved: 'success',
  expired: 'default',
  withdrawn: 'default',
};

const OUTCOME_COLORS: Record<PrecheckOutcome, string> = {
  admissible: 'success',
  needs_government: 'warning',
  unverified: 'purple',
  returned: 'orange',
  refused: 'error',
};
export const OUTCOME_ALERT: Record<PrecheckOutcome, 'success' | 'warning' | 'error' | 'info'> = {
  admissible: 'success',
  needs_government: 'warning',
  unverified: 'info',
  returned: 'warning',
  refused: 'error',
};

/** Status of an admission request as a coloured tag. */
export function StatusTag({ status }: { status: RequestStatus }) {
  const { t } = useI18n();
  return (
    <Tag color={STATUS_COLORS[status]} data-testid="status-tag" style={{ marginInlineEnd: 0 }}>
      {t(`admission.status.${status}`)}
    </Tag>
  );
}

export function OutcomeTag({ outcome }: { outcome: PrecheckOutcome | null | undefined }) {
  const { t } = useI18n();
  if (!outcome) return null;
  return (
    <Tag color={OUTCOME_COLORS[outcome]} style={{ marginInlineEnd: 0 }}>
      {t(`admission.outcome.${outcome}`)}
    </Tag>
  );
}

export function EffectTag({ state }: { state: EffectState }) {
  const { t } = useI18n();
  if (state === 'none') return null;
  const color = state === 'in_effect' ? 'green' : state === 'scheduled' ? 'blue' : 'default';
  return (
    <Tag color={color} style={{ marginInlineEnd: 0 }}>
      {t(`admission.effect.${state}`)}
    </Tag>
  );
}

export function DecisionTag({ decision }: { decision: Decision }) {
  const { t } = useI18n();
  return (
    <Tag color={decision === 'approved' ? 'success' : 'error'} style={{ marginInlineEnd: 0 }}>
      {t(`admission.decision.${decision}`)}
    </Tag>
  );
}

/** Names the server stores from the locale table (the district's bodies, the pre-check, the system). */
const STORED = [
  'admission.body.district',
  'admission.body.government',
  'admission.body.precheck',
  'admission.text.system',
  'admission.text.systemPrecheck',
] as const;

/**
 * A deciding body or actor in the reader's language: the platform's own names were stored in Chinese from
 * the locale table and are named again here; anything else (a township, a person) is data, shown as is.
 */
export function useStoredName() {
  const { t } = useI18n();
  return (name: string | null | undefined) => {
    const key = STORED.find((k) => zh(k) === name);
    return key ? t(key) : (name ?? '');
  };
}

/** The title (a link, with the number below) and kind columns every request table starts with. */
export function useRequestColumns(isMobile: boolean) {
  const { t } = useI18n();
  return [
    {
      title: t('admission.list.title'),
      dataIndex: 'title',
      render: (_: unknown, r: { id: string; title: string; number: string }) => (
        <div style={{ minWidth: isMobile ? 150 : 220, maxWidth: 360 }}>
          <Link to={`/admission/requests/${r.id}`}>{r.title}</Link>
          <div>
            <Typography.Text type="secondary" className="jf-mono" style={{ fontSize: '0.75rem' }}>
              {r.number}
            </Typography.Text>
          </div>
        </div>
      ),
    },
    {
      title: t('admission.form.kind'),
      dataIndex: 'kind',
      render: (_: unknown, r: { kind: RequestKind }) => t(`admission.kind.${r.kind}`),
    },
  ];
}
