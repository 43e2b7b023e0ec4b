/** Shared words and marks for results: RAG status, target values, names of organisations and roles. */
import type { ReferenceData } from '../../../../shared/api/dto';
import type { RagStatus, TargetMetric } from '../../../../shared/model/types';
import { formatFte, formatMoney, formatPercent } from '../../../../shared/format';

const RAG: Record<RagStatus, { label: string; icon: string }> = {
  green: { label: 'Met', icon: '✔' },
  amber: { label: 'Close', icon: '!' },
  red: { label: 'Missed', icon: '✖' },
  unknown: { label: 'Not set', icon: '?' },
};

/** A RAG status as icon and word, never colour alone. */
export function RagBadge({ status }: { status: RagStatus }) {
  const { label, icon } = RAG[status];
  return (
    <span className={`result-rag result-rag-${status}`}>
      <span className="result-rag-icon" aria-hidden="true">
        {icon}
      </span>{' '}
      {label}
    </span>
  );
}

export const ragLabel = (status: RagStatus): string => RAG[status].label;

/** A target's value in its metric's unit; "not set" for an unknown value, never 0. */
export function formatTargetValue(metric: TargetMetric | undefined, v: number | null): string {
  if (v === null) return 'not set';
  if (metric === 'vacancy-rate') return formatPercent(v);
  if (metric === 'agency-cost') return formatMoney(v);
  return formatFte(v);
}

export function nameLookup(reference: ReferenceData) {
  const orgs = new Map(reference.organisations.map((o) => [o.id, o.name]));
  const roles = new Map(reference.roles.map((r) => [r.id, r]));
  return {
    org: (id: number) => orgs.get(id) ?? `Organisation ${id}`,
    role: (id: number) => roles.get(id)?.name ?? `Role ${id}`,
    staffGroup: (id: number) => roles.get(id)?.staffGroup ?? '',
  };
}
