/**
 * The assumptions register: every note on a number (stated, derived, illustrative, with its
 * source), with what the number is and its value now; and marking a number.
 */
import type { AssumptionRow } from '../../../shared/api/dto';
import { AppError } from '../../../shared/api/errors';
import { formatFte, formatMoney, formatPercent, yearLabel } from '../../../shared/format';
import type { AssumptionStatus } from '../../../shared/model/types';
import type { Db } from '../../db/connection';
import { recordChange } from '../../db/changes';
import { allNotes, joinerYearList, noteOf, noteSubject, pipelineIntakeList, setAssumption, type NoteRow } from '../../db/repos/assumptions';
import { describeRange, RANGE_NOTES } from '../ranges';
import { requireScenario } from '../scenarios';

const FIELD_LABELS: Record<string, string> = {
  fte: 'FTE in post',
  headcount: 'headcount',
  establishment: 'establishment (FTE)',
  ageProfile: 'age profile',
  leaverRate: 'leaver rate',
  retirementByBand: 'retirement by age band',
  agencyShare: 'agency share of shortfall',
  agencyCostPerFte: 'agency cost per FTE',
  intakes: 'intakes',
  durationYears: 'course length',
  attrition: 'attrition',
  conversion: 'conversion to post',
  ftePerHead: 'FTE per head',
  costPerLearnerYear: 'cost per learner-year',
  traineesLeaveSourceRole: 'trainees leave their role',
  growth: 'growth',
  deltaFte: 'change (FTE)',
  value: 'target value',
  leaverRateRange: 'leaver rate range',
  retirementRange: 'retirement range',
  agencyShareRange: 'agency share range',
  attritionRange: 'attrition range',
  conversionRange: 'conversion range',
  intakeFillRange: 'intake fill range',
  fteRange: 'range',
  growthRange: 'growth range',
};

type Row = Record<string, unknown>;

/**
 * One assumption note as the register shows it: what the number is and its value now. Null when
 * the number is gone, or belongs to a scenario other than `scenarioId` (null: any scenario).
 */
function describeNote(db: Db, n: NoteRow, scenarioId: number | null): AssumptionRow | null {
  const inScope = (row: Row) => scenarioId === null || row['scenario_id'] === scenarioId;
  const row = noteSubject(db, n.entity, n.entity_id);
  const fmt = (field: string, v: unknown): string => {
    if (v === null || v === undefined) return 'not set';
    if (typeof v === 'string' && v.startsWith('[')) return `${(JSON.parse(v) as number[]).map((x) => `${Math.round(x * 1000) / 10}`).join(' / ')} %`;
    if (typeof v !== 'number') return typeof v === 'string' ? v : JSON.stringify(v);
    if (['leaverRate', 'agencyShare', 'attrition', 'conversion', 'growth'].includes(field)) return formatPercent(v);
    if (['agencyCostPerFte', 'costPerLearnerYear'].includes(field)) return formatMoney(v);
    return formatFte(v);
  };
  const col = (field: string): string => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`).replace('trainees_leave_source_role', 'trainees_leave_source');
  // A range's note: the row's columns read as the engine's fields (leaver_rate_low → leaverRateLow).
  const range = RANGE_NOTES[n.field];
  const camel = (row: Row): Row => Object.fromEntries(Object.entries(row).map(([k, v]) => [k.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase()), v]));
  let label: string | null = null;
  let subject = '';
  let value = '';
  let owner: number | null = null;
  let what = FIELD_LABELS[n.field] ?? n.field;
  if (n.entity === 'pipeline') {
    const p = row;
    if (!p || !inScope(p)) return null;
    owner = Number(p['scenario_id']);
    subject = String(p['name']);
    label = `${subject}: ${what}`;
    if (n.field === 'intakes') {
      const intakes = pipelineIntakeList(db, n.entity_id);
      value = intakes.length ? intakes.map((i) => `${yearLabel(i.year)}: ${i.heads}`).join(', ') : 'not set';
    } else value = range ? describeRange(range, camel(p)) : fmt(n.field, p[col(n.field)]);
  } else if (n.entity === 'workforce_baseline' || n.entity === 'workforce_rate') {
    const r = row;
    if (!r) return null;
    if (n.entity === 'workforce_rate') {
      if (!inScope(r)) return null;
      owner = Number(r['scenario_id']);
    }
    subject = `${String(r['role'])}, ${String(r['org'])}`;
    label = `${subject}: ${what}`;
    value = range ? describeRange(range, camel(r)) : fmt(n.field, r[col(n.field)]);
  } else if (n.entity === 'other_joiner') {
    const r = row;
    if (!r || !inScope(r)) return null;
    owner = Number(r['scenario_id']);
    subject = `${String(r['kind']).replace(/-/g, ' ')} joiners, ${String(r['role'])}, ${String(r['org'])}`;
    if (!range) what = 'joiners (FTE a year)';
    label = range ? `${subject}: ${what}` : subject;
    const years = joinerYearList(db, n.entity_id);
    const distinct = new Set(years.map((y) => y.fte));
    value = range
      ? `${describeRange(range, camel(r))} of the FTE entered`
      : years.length === 0
        ? 'not set'
        : distinct.size === 1
          ? `${formatFte(years[0]!.fte)} FTE a year`
          : years.map((y) => `${yearLabel(y.year)}: ${formatFte(y.fte)}`).join(', ');
  } else if (n.entity === 'growth_driver') {
    const r = row;
    if (!r || !inScope(r)) return null;
    owner = Number(r['scenario_id']);
    subject = `Demand driver: ${String(r['name'])}`;
    label = range ? `${subject}: ${what}` : subject;
    value = range ? describeRange(range, camel(r)) : fmt('growth', r['growth']);
  } else if (n.entity === 'demand_change') {
    const r = row;
    if (!r || !inScope(r)) return null;
    owner = Number(r['scenario_id']);
    const description = typeof r['description'] === 'string' ? r['description'] : '';
    label = `Demand change: ${description || `${String(r['role'])}, ${String(r['org'])}`} (${yearLabel(Number(r['year']))})`;
    subject = `${label}, ${String(r['role'])}, ${String(r['org'])}`;
    value = `${Number(r['delta_fte']) >= 0 ? '+' : ''}${formatFte(Number(r['delta_fte']))} FTE`;
  } else if (n.entity === 'target') {
    const r = row;
    if (!r) return null;
    label = `Target: ${String(r['name'])} by ${yearLabel(Number(r['year']))}`;
    subject = label;
    value = r['value'] === null ? 'not set' : Number(r['value']).toLocaleString('en-GB');
  }
  if (label === null) return null;
  return {
    entity: n.entity,
    entityId: n.entity_id,
    field: n.field,
    status: n.status,
    source: n.source,
    label,
    subject,
    fieldLabel: what,
    value,
    scenarioId: owner,
  };
}

/** The assumptions register of a scenario: every note on a number it can see, by label. */
export function listAssumptions(db: Db, scenarioId: number): AssumptionRow[] {
  requireScenario(db, scenarioId);
  const notes = allNotes(db);
  const out: AssumptionRow[] = [];
  for (const n of notes) {
    const row = describeNote(db, n, scenarioId);
    if (row) out.push(row);
  }
  return out.sort((a, b) => a.label.localeCompare(b.label, 'en-GB'));
}

/** One note of the register, whichever scenario its number belongs to. */
export function getAssumption(db: Db, entity: string, entityId: number, field: string): AssumptionRow {
  const n = noteOf(db, entity, entityId, field);
  const row = n ? describeNote(db, n, null) : null;
  if (!row) throw new AppError('NOT_FOUND', 'That number is no longer in the plan.');
  return row;
}

export function setAssumptionNote(
  db: Db,
  scenarioId: number | null,
  note: { entity: string; entityId: number; field: string; status: AssumptionStatus; source: string },
): void {
  if (noteSubject(db, note.entity, note.entityId) === undefined) throw new AppError('NOT_FOUND', 'That number is no longer in the plan.');
  recordChange(db, { source: 'assumptions', summary: `Marked ${FIELD_LABELS[note.field] ?? note.field} as ${note.status}: ${note.source}`, scenarioId }, () =>
    setAssumption(db, note.entity, note.entityId, note.field, note.status, note.source),
  );
}
