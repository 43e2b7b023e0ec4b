/**
 * The yearly lines of an import (see plan-changes.ts): intakes, other joiners and demand changes,
 * each against the plan's figure for the same pipeline or cell and year.
 */
import type { ImportOptions, ImportTarget, PreviewRow } from '../../../shared/api/channels/import';
import { formatFte, yearLabel } from '../../../shared/format';
import type { Db } from '../../db/connection';
import { demandTotals } from '../../db/repos/demand';
import { joinerFtes } from '../../db/repos/joiners';
import { allIntakes, pipelinePlace } from '../../db/repos/pipelines';
import {
  countLines,
  decide,
  largeQuestion,
  largeReason,
  ROUNDING,
  same,
  shareLines,
  shareOf,
  shareText,
  type Changes,
  type PlanOrg,
  type PlanRole,
  type YearlyCell,
} from './plan-changes';
import type { Wording } from './wording';

/** The yearly lines of an import (intakes, joiners, demand changes). */
export function yearlyChanges(
  db: Db,
  orgs: Map<number, PlanOrg>,
  roles: Map<number, PlanRole>,
  pipelines: Map<number, string>,
  scenarioId: number,
  target: Exclude<ImportTarget, 'baseline'>,
  cells: YearlyCell[],
  options: ImportOptions,
  wording: Wording,
): Changes {
  const preview: PreviewRow[] = [];
  const yearly: YearlyCell[] = [];
  const wholeByOrg = new Map<number, number>();
  // The plan's figures for the target, read once (a query per cell is too slow for 10,000 cells).
  const beforeOf = new Map<string, number>();
  if (target === 'intakes') {
    for (const r of allIntakes(db)) beforeOf.set(`i:${r.p}:${r.year}`, r.heads);
  } else if (target === 'joiners') {
    for (const r of joinerFtes(db, scenarioId)) beforeOf.set(`j:${r.kind}:${r.o}:${r.r}:${r.year}`, r.fte);
  } else {
    for (const r of demandTotals(db, scenarioId)) beforeOf.set(`d:${r.o}:${r.r}:${r.year}`, r.d ?? 0);
  }
  for (const y of cells) {
    let before: number | null;
    let label: string;
    let org: string;
    let role: string;
    let key: string;
    const notes: string[] = [];
    let value = y.value;
    if (target === 'intakes') {
      key = `i:${y.pipelineId}:${y.year}`;
      before = beforeOf.get(key) ?? null;
      label = `${pipelines.get(y.pipelineId!) ?? ''} ${yearLabel(y.year)}`;
      const info = pipelinePlace(db, y.pipelineId!);
      org = info?.org ?? '';
      role = info?.role ?? '';
    } else {
      const o = orgs.get(y.orgId!)!;
      const { share } = shareOf(o, options);
      wholeByOrg.set(o.id, (wholeByOrg.get(o.id) ?? 0) + y.value);
      if (share !== 1) {
        notes.push(shareText(o, y.value, share, 'FTE'));
        value = y.value * share;
      }
      org = o.name;
      role = roles.get(y.roleId!)?.name ?? '';
      if (target === 'joiners') {
        key = `j:${y.kind}:${y.orgId}:${y.roleId}:${y.year}`;
        before = beforeOf.get(key) ?? null;
        label = `${y.kind!.replace(/-/g, ' ')} joiners: ${role} at ${org} ${yearLabel(y.year)}`;
      } else {
        key = `d:${y.orgId}:${y.roleId}:${y.year}`;
        before = beforeOf.get(key) ?? null;
        label = `Demand change: ${role} at ${org} from ${yearLabel(y.year)}`;
      }
    }
    let status: PreviewRow['status'] =
      before === null ? 'added' : same(before, value) ? 'unchanged' : Math.abs(before - value) < ROUNDING ? 'rounding' : 'replaced';
    const large = status === 'replaced' && before !== null ? largeReason(before, value, target === 'intakes' ? 'heads' : 'FTE') : null;
    const flag: PreviewRow['flag'] = large ? { kind: 'large', reason: large } : null;
    const decision = decide(key, flag !== null, options);
    if (decision === 'exclude') status = 'excluded';
    preview.push({
      key,
      label,
      org,
      role,
      year: y.year,
      status,
      before: before === null ? '—' : formatFte(before),
      after: formatFte(value),
      notes,
      flag,
      decision,
      delta: before === null ? null : value - before,
    });
    if (status !== 'excluded' && status !== 'unchanged') yearly.push({ ...y, value });
  }
  return {
    preview,
    baseline: [],
    yearly,
    questions: largeQuestion(preview, wording),
    shares: target === 'intakes' ? [] : shareLines(orgs, options, wholeByOrg, 'FTE'),
    unit: { measure: null, headcountOnly: false, fteOnly: false, establishment: false },
    counts: countLines(preview),
    errors: [],
  };
}
