/** The baseline workforce (plan-wide) and each scenario's rates: read, add, change, remove. */
import type { WorkforceRow } from '../../../shared/api/dto';
import { AppError } from '../../../shared/api/errors';
import type { WorkforceChanges } from '../../../shared/api/schemas';
import { formatFte, formatMoney, formatPercent } from '../../../shared/format';
import { AGE_BAND_COUNT } from '../../../shared/model/types';
import type { Db } from '../../db/connection';
import { recordChange } from '../../db/changes';
import { assumptionsFor, assumptionsOf } from '../../db/repos/assumptions';
import { workforceRows } from '../../db/repos/model-inputs';
import { baselineIdOf, deleteWorkforceCell, ensureRate, insertBaseline, updateBaselineColumns, updateRateColumns } from '../../db/repos/workforce';
import { checkRanges, syncRangeNotes, WORKFORCE_RANGES } from '../ranges';
import { requireScenario } from '../scenarios';
import { orgName, roleName } from './common';

const ZERO_BANDS = (): number[] => new Array<number>(AGE_BAND_COUNT).fill(0);

export function listWorkforce(db: Db, scenarioId: number, filter?: { orgId: number; roleId: number }): WorkforceRow[] {
  requireScenario(db, scenarioId);
  const baselineNotes = assumptionsFor(db, 'workforce_baseline');
  const rateNotes = assumptionsFor(db, 'workforce_rate');
  return workforceRows(db, scenarioId, filter).map((r) => ({
    ...r,
    assumptions: { ...(baselineNotes.get(r.baselineId) ?? {}), ...(r.rateId !== null ? (rateNotes.get(r.rateId) ?? {}) : {}) },
  }));
}

/** One cell with its notes, read on its own: a change to one cell costs the same however many there are. */
function requireWorkforce(db: Db, scenarioId: number, orgId: number, roleId: number): WorkforceRow {
  requireScenario(db, scenarioId);
  const row = workforceRows(db, scenarioId, { orgId, roleId })[0];
  if (!row) throw new AppError('NOT_FOUND', `${roleName(db, roleId)} at ${orgName(db, orgId)} is not in the baseline.`);
  return {
    ...row,
    assumptions: {
      ...assumptionsOf(db, 'workforce_baseline', row.baselineId),
      ...(row.rateId !== null ? assumptionsOf(db, 'workforce_rate', row.rateId) : {}),
    },
  };
}

export function createWorkforce(db: Db, scenarioId: number, orgId: number, roleId: number): WorkforceRow {
  requireScenario(db, scenarioId);
  const label = `${roleName(db, roleId)} at ${orgName(db, orgId)}`;
  if (baselineIdOf(db, orgId, roleId) !== undefined) {
    throw new AppError('CONFLICT', `${label} is already in the baseline.`);
  }
  recordChange(db, { source: 'grid', summary: `Added ${label} to the baseline`, scenarioId }, () => {
    insertBaseline(db, orgId, roleId, { fte: 0, headcount: 0, establishment: 0, ageProfile: JSON.stringify(ZERO_BANDS()) });
  });
  return requireWorkforce(db, scenarioId, orgId, roleId);
}

const BASELINE_COLUMNS = { fte: 'fte', headcount: 'headcount', establishment: 'establishment', ageProfile: 'age_profile' } as const;
const RATE_COLUMNS = {
  leaverRate: 'leaver_rate',
  retirementByBand: 'retirement_by_band',
  agencyShare: 'agency_share',
  agencyCostPerFte: 'agency_cost_per_fte',
  leaverRateLow: 'leaver_rate_low',
  leaverRateHigh: 'leaver_rate_high',
  retirementLow: 'retirement_low',
  retirementHigh: 'retirement_high',
  agencyShareLow: 'agency_share_low',
  agencyShareHigh: 'agency_share_high',
} as const;

function describeWorkforceValue(key: keyof WorkforceChanges, v: unknown): string {
  if (Array.isArray(v)) return v.map((x: number) => formatPercent(x)).join(' / ');
  if (v === null) return 'none';
  if (typeof v !== 'number') return typeof v === 'string' ? v : JSON.stringify(v);
  if (key === 'leaverRate' || key === 'agencyShare' || key.endsWith('Low') || key.endsWith('High')) return formatPercent(v);
  if (key === 'agencyCostPerFte') return formatMoney(v);
  return formatFte(v);
}

export function updateWorkforce(db: Db, scenarioId: number, orgId: number, roleId: number, changes: WorkforceChanges, source = 'grid'): WorkforceRow {
  const before = requireWorkforce(db, scenarioId, orgId, roleId);
  const keys = Object.keys(changes) as (keyof WorkforceChanges)[];
  const summary = `${roleName(db, roleId)} at ${orgName(db, orgId)}: ${keys.map((k) => `${k} ${describeWorkforceValue(k, before[k])} → ${describeWorkforceValue(k, changes[k])}`).join(', ')}`;
  const encode = (v: unknown) => (Array.isArray(v) ? JSON.stringify(v) : v);
  const after = { ...before, ...changes };
  checkRanges(WORKFORCE_RANGES, after);
  recordChange(db, { source, summary, scenarioId }, () => {
    const baselineKeys = keys.filter((k): k is keyof typeof BASELINE_COLUMNS => k in BASELINE_COLUMNS);
    if (baselineKeys.length > 0)
      updateBaselineColumns(
        db,
        before.baselineId,
        baselineKeys.map((k) => [BASELINE_COLUMNS[k], encode(changes[k])]),
      );
    const rateKeys = keys.filter((k): k is keyof typeof RATE_COLUMNS => k in RATE_COLUMNS);
    if (rateKeys.length > 0) {
      const rateId = ensureRate(db, scenarioId, orgId, roleId, before);
      updateRateColumns(
        db,
        rateId,
        rateKeys.map((k) => [RATE_COLUMNS[k], encode(changes[k])]),
      );
      syncRangeNotes(db, 'workforce_rate', rateId, WORKFORCE_RANGES, before as unknown as Record<string, unknown>, after);
    }
  });
  return requireWorkforce(db, scenarioId, orgId, roleId);
}

/** Removes a cell from the baseline and from every scenario's rates. */
export function deleteWorkforce(db: Db, orgId: number, roleId: number): { deleted: number } {
  const label = `${roleName(db, roleId)} at ${orgName(db, orgId)}`;
  const deleted = recordChange(db, { source: 'grid', summary: `Removed ${label} from the baseline` }, () => deleteWorkforceCell(db, orgId, roleId));
  if (deleted === 0) throw new AppError('NOT_FOUND', `${label} is not in the baseline.`);
  return { deleted };
}
