import { Tag } from 'antd';
import { useLabel } from '../../i18n/index.js';
import {
  DECISION_LABELS,
  EFFECT_LABELS,
  KIND_LABELS,
  OUTCOME_COLORS,
  OUTCOME_LABELS,
  STATUS_COLORS,
  STATUS_LABELS,
  type PrecheckOutcome,
  type RequestKind,
  type RequestStatus,
} from './admission.labels.js';

/** Status of an admission request as a coloured tag (server label as the fallback). */
export function StatusTag({ status, label: fallback }: { status: string; label?: string }) {
  const label = useLabel();
  return (
    <Tag
      color={STATUS_COLORS[status as RequestStatus] ?? 'default'}
      data-testid="status-tag"
      style={{ marginInlineEnd: 0 }}
    >
      {label(STATUS_LABELS[status as RequestStatus], fallback ?? status)}
    </Tag>
  );
}

export function OutcomeTag({ outcome }: { outcome: string | null | undefined }) {
  const label = useLabel();
  if (!outcome) return null;
  return (
    <Tag color={OUTCOME_COLORS[outcome as PrecheckOutcome] ?? 'default'} style={{ marginInlineEnd: 0 }}>
      {label(OUTCOME_LABELS[outcome as PrecheckOutcome], outcome)}
    </Tag>
  );
}

export function EffectTag({ state }: { state: string }) {
  const label = useLabel();
  if (state === 'none') return null;
  const color = state === 'in_effect' ? 'green' : state === 'scheduled' ? 'blue' : 'default';
  return (
    <Tag color={color} style={{ marginInlineEnd: 0 }}>
      {label(EFFECT_LABELS[state], state)}
    </Tag>
  );
}

export function DecisionTag({ decision }: { decision: 'approved' | 'rejected' | 'refused' }) {
  const label = useLabel();
  return (
    <Tag color={decision === 'approved' ? 'success' : 'error'} style={{ marginInlineEnd: 0 }}>
      {label(DECISION_LABELS[decision], decision)}
    </Tag>
  );
}

export function useKindLabel() {
  const label = useLabel();
  return (kind: string, fallback?: string) => label(KIND_LABELS[kind as RequestKind], fallback ?? kind);
}
