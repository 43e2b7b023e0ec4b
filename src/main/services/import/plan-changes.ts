/**
 * From what a file holds per plan cell to what an import will write, line by line, and why:
 * organisation shares applied ("whole trust 3,891.0 FTE × 27.0% = 1,049.4"); a headcount
 * never stored as FTE (FTE is kept, or derived from the plan's FTE per head, as the user
 * chooses); headcount and establishment a file does not hold kept, scaled with FTE or cleared;
 * moves under 0.05 reported as rounding; and every large change (more than 25 % and at least
 * 5 FTE) or partial replacement of a role flagged until the user imports or leaves it out.
 */
import type { ImportOptions, ImportQuestion, ImportReport, ImportTarget, KeepPolicy, PreviewRow, ShareLine } from '../../../shared/api/channels/import';
import { formatFte, formatHeads, formatPercent, yearLabel } from '../../../shared/format';
import { AGE_BAND_COUNT } from '../../../shared/model/types';
import type { Db } from '../../db/connection';
import { cellText } from './limits';
import { listOf, plural, type Wording } from './wording';

import type { PlanOrg, PlanRole } from '../../db/repos/reference';

export type { PlanOrg, PlanRole };

/** What the file holds for one organisation × role, summed, before the organisation's share. */
export interface BaselineCell {
  orgId: number;
  roleId: number;
  fte: number;
  headcount: number;
  establishment: number;
  hasFte: boolean;
  hasHeadcount: boolean;
  hasEstablishment: boolean;
  ageFte: number[];
  /** The file's staff groups that fed the cell (when roles come from staff groups). */
  sources: Set<string>;
}

/** One yearly figure: an intake (heads), a joiner or a demand change (FTE). */
export interface YearlyCell {
  pipelineId?: number;
  kind?: string;
  orgId?: number;
  roleId?: number;
  year: number;
  value: number;
}

/** A baseline row as the import will write it. */
export interface BaselineWrite {
  orgId: number;
  roleId: number;
  fte: number;
  headcount: number;
  establishment: number;
  /** The new age profile, or null to keep the plan's. */
  age: number[] | null;
}

export interface Changes {
  preview: PreviewRow[];
  baseline: BaselineWrite[];
  yearly: YearlyCell[];
  questions: ImportQuestion[];
  shares: ShareLine[];
  unit: ImportReport['unit'];
  counts: ImportReport['counts'];
  /** Problems the lines raise (an FTE that cannot be derived): errors, with what to do. */
  errors: string[];
}

/** A change below this (FTE, heads or a yearly figure) is rounding, not a replacement. */
export const ROUNDING = 0.05;
/** A change is large when it moves a figure by more than this fraction of it … */
export const LARGE_FRACTION = 0.25;
/** … and by at least this much. */
export const LARGE_AMOUNT = 5;

const same = (a: number, b: number) => Math.abs(a - b) < 1e-9;

export function ageProfileOf(ageFte: number[]): number[] | null {
  const total = ageFte.reduce((a, b) => a + b, 0);
  return total > 0 ? ageFte.map((x) => x / total) : null;
}

/** The share of each organisation this import applies: the one given for it, else the plan's. */
export function shareOf(org: PlanOrg, options: ImportOptions): { share: number; given: boolean } {
  const given = options.shares?.[org.code];
  return given !== undefined ? { share: given, given: true } : { share: org.share, given: false };
}

const wholeWord = (org: PlanOrg) => (/\btrust\b/i.test(org.name) ? 'whole trust' : 'whole organisation');

function shareText(org: PlanOrg, whole: number, share: number, unit: 'FTE' | 'headcount'): string {
  const fmt = unit === 'FTE' ? formatFte : formatHeads;
  return `${wholeWord(org)} ${fmt(whole)} ${unit} × ${formatPercent(share)} = ${fmt(whole * share)}`;
}

function shareLines(orgs: Map<number, PlanOrg>, options: ImportOptions, totals: Map<number, number>, unit: 'FTE' | 'headcount'): ShareLine[] {
  const lines: ShareLine[] = [];
  for (const [orgId, whole] of totals) {
    const org = orgs.get(orgId);
    if (!org) continue;
    const { share, given } = shareOf(org, options);
    if (share === 1 && org.share === 1) continue;
    lines.push({
      orgId,
      org: org.name,
      code: org.code,
      share,
      planShare: org.share,
      source: given ? (share === 1 ? 'given for this import: the file holds only the plan’s part' : 'given for this import') : org.share_source || 'the plan’s share of the organisation',
      whole,
      planned: whole * share,
      text: shareText(org, whole, share, unit),
    });
  }
  return lines.sort((a, b) => a.org.localeCompare(b.org));
}

function decide(key: string, flagged: boolean, options: ImportOptions): 'import' | 'exclude' | null {
  if (!flagged) return null;
  return options.decisions?.[key] ?? (options.acceptLargeChanges ? 'import' : null);
}

function largeReason(before: number, after: number, unit: string): string | null {
  const delta = after - before;
  if (Math.abs(delta) < LARGE_AMOUNT || Math.abs(delta) <= LARGE_FRACTION * Math.abs(before)) return null;
  const pct = before === 0 ? '' : ` (${delta > 0 ? '+' : '−'}${formatPercent(Math.abs(delta) / before)})`;
  return `${unit} ${formatFte(before)} → ${formatFte(after)}${pct}: a change of more than 25 % and at least ${LARGE_AMOUNT} ${unit}`;
}

function countLines(rows: PreviewRow[]): ImportReport['counts'] {
  const counts = { added: 0, replaced: 0, rounding: 0, unchanged: 0, excluded: 0, flagged: 0 };
  for (const r of rows) {
    counts[r.status]++;
    if (r.flag) counts.flagged++;
  }
  return counts;
}

function largeQuestion(rows: PreviewRow[], wording: Wording): ImportQuestion[] {
  const open = rows.filter((r) => r.flag && r.decision === null);
  if (open.length === 0) return [];
  const large = open.filter((r) => r.flag!.kind === 'large').length;
  const partial = open.length - large;
  const what = [large > 0 ? plural(large, 'large change') : '', partial > 0 ? plural(partial, 'line that replaces only part of a role', 'lines that replace only part of a role') : ''].filter(Boolean);
  return [
    {
      kind: 'large-changes',
      message: `${listOf(what)} need${open.length === 1 ? 's' : ''} an answer before the import (${listOf(open.slice(0, 3).map((r) => r.label), 3)}): ${wording.largeChanges()}.`,
    },
  ];
}

interface BaselineRow {
  fte: number;
  headcount: number;
  establishment: number;
  age_profile: string;
}

/** FTE per head by role across the plan's baseline (for lines with no figures of their own). */
function ftePerHeadByRole(db: Db): { byRole: Map<number, number>; overall: number | null } {
  const rows = db.prepare('SELECT role_id, sum(fte) AS fte, sum(headcount) AS heads FROM workforce_baseline WHERE fte > 0 AND headcount > 0 GROUP BY role_id').all() as { role_id: number; fte: number; heads: number }[];
  const byRole = new Map(rows.map((r) => [r.role_id, r.fte / r.heads]));
  const fte = rows.reduce((a, r) => a + r.fte, 0);
  const heads = rows.reduce((a, r) => a + r.heads, 0);
  return { byRole, overall: heads > 0 ? fte / heads : null };
}

const POLICY_WORDS: Record<KeepPolicy, string> = { keep: 'kept', scale: 'scaled with FTE', clear: 'cleared' };

/** The baseline lines of an import: what each cell becomes, and why. */
export function baselineChanges(db: Db, orgs: Map<number, PlanOrg>, roles: Map<number, PlanRole>, cells: BaselineCell[], options: ImportOptions, wording: Wording): Changes {
  const get = db.prepare('SELECT fte, headcount, establishment, age_profile FROM workforce_baseline WHERE org_id = ? AND role_id = ?');
  const perHead = ftePerHeadByRole(db);
  const ratioFor = (roleId: number) => perHead.byRole.get(roleId) ?? perHead.overall;
  const headPolicy: KeepPolicy = options.headcount ?? 'scale';
  const estPolicy: KeepPolicy = options.establishment ?? 'keep';
  // The staff groups the file maps onto each role: a line fed by fewer of them replaces part of a role.
  const sourcesOfRole = new Map<number, Set<string>>();
  for (const c of cells) {
    const s = sourcesOfRole.get(c.roleId) ?? new Set<string>();
    for (const g of c.sources) s.add(g);
    sourcesOfRole.set(c.roleId, s);
  }
  const unit = {
    measure: null as ImportReport['unit']['measure'],
    headcountOnly: cells.some((c) => !c.hasFte && c.hasHeadcount),
    fteOnly: cells.some((c) => c.hasFte && !c.hasHeadcount),
    establishment: cells.some((c) => c.hasEstablishment),
  };
  const withFte = cells.some((c) => c.hasFte);
  const withHead = cells.some((c) => c.hasHeadcount);
  unit.measure = withFte && withHead ? 'mixed' : withFte ? 'fte' : withHead ? 'headcount' : null;

  const preview: PreviewRow[] = [];
  const writes: BaselineWrite[] = [];
  const errors: string[] = [];
  const wholeByOrg = new Map<number, number>();
  const shareUnit: 'FTE' | 'headcount' = withFte ? 'FTE' : 'headcount';
  for (const c of cells) {
    const org = orgs.get(c.orgId)!;
    const role = roles.get(c.roleId)!;
    const { share } = shareOf(org, options);
    const main = withFte ? c.fte : c.headcount;
    wholeByOrg.set(c.orgId, (wholeByOrg.get(c.orgId) ?? 0) + main);
    const b = get.get(c.orgId, c.roleId) as BaselineRow | undefined;
    const notes: string[] = [];
    if (share !== 1) notes.push(shareText(org, withFte ? c.fte : c.headcount, share, shareUnit));
    const inFte = c.hasFte ? c.fte * share : null;
    const inHead = c.hasHeadcount ? c.headcount * share : null;
    const inEst = c.hasEstablishment ? c.establishment * share : null;

    let fte: number;
    if (inFte !== null) fte = inFte;
    else if (inHead !== null) {
      // Headcount only: FTE is kept, or derived from the plan's FTE per head; never the headcount itself.
      const ratio = b && b.fte > 0 && b.headcount > 0 ? b.fte / b.headcount : ratioFor(c.roleId);
      const kept = b?.fte ?? 0;
      const derived = ratio === null ? null : inHead * ratio;
      if (options.fteFromHeadcount === 'derive') {
        if (derived === null) {
          errors.push(`${role.name} at ${org.name}: the plan has no FTE per head to derive FTE from (no line of the plan has both FTE and headcount). Keep FTE instead (${wording.fteFromHeadcount()}).`);
          fte = kept;
        } else {
          fte = derived;
          notes.push(`FTE derived: ${formatHeads(inHead)} heads × ${ratio!.toFixed(2)} FTE per head`);
        }
      } else if (options.fteFromHeadcount === 'keep') {
        fte = kept;
        notes.push('FTE kept');
      } else {
        fte = kept;
        notes.push(`FTE: keep ${formatFte(kept)}${derived === null ? '' : `, or derive ${formatFte(derived)} (${ratio!.toFixed(2)} FTE per head)`}`);
      }
    } else fte = b?.fte ?? 0;

    let headcount: number;
    if (inHead !== null) headcount = inHead;
    else if (inFte !== null) {
      const ratio = ratioFor(c.roleId);
      if (headPolicy === 'clear') {
        headcount = 0;
        notes.push('headcount cleared');
      } else if (headPolicy === 'keep' || (!b && ratio === null)) {
        headcount = b?.headcount ?? 0;
        notes.push(b ? 'headcount kept' : 'no headcount: fill it in on the Baseline page');
      } else if (b && b.fte > 0) {
        headcount = Math.round((b.headcount * fte) / b.fte);
        notes.push('headcount scaled with FTE');
      } else {
        headcount = ratio ? Math.round(fte / ratio) : (b?.headcount ?? 0);
        notes.push(`headcount from the plan’s ${ratio!.toFixed(2)} FTE per head for the role`);
      }
    } else headcount = b?.headcount ?? 0;

    let establishment: number;
    if (inEst !== null) establishment = inEst;
    else {
      if (estPolicy === 'clear') establishment = 0;
      else if (estPolicy === 'scale' && b && b.fte > 0) establishment = (b.establishment * fte) / b.fte;
      else establishment = b?.establishment ?? 0;
      notes.push(b ? `establishment ${POLICY_WORDS[estPolicy]}` : 'no establishment: fill it in on the Baseline page');
    }
    const age = ageProfileOf(c.ageFte);

    let status: PreviewRow['status'] = 'added';
    let flag: PreviewRow['flag'] = null;
    if (b) {
      const bAge = JSON.parse(b.age_profile) as number[];
      const ageSame = !age || age.every((x, i) => Math.abs(x - (bAge[i] ?? 0)) < 1e-9);
      if (same(b.fte, fte) && same(b.headcount, headcount) && same(b.establishment, establishment) && ageSame) status = 'unchanged';
      else if (Math.abs(b.fte - fte) < ROUNDING && Math.abs(b.headcount - headcount) < ROUNDING && Math.abs(b.establishment - establishment) < ROUNDING && ageSame) status = 'rounding';
      else {
        status = 'replaced';
        const headOnlyKept = inFte === null && inHead !== null && options.fteFromHeadcount !== 'derive';
        const large = headOnlyKept ? largeReason(b.headcount, headcount, 'headcount') : largeReason(b.fte, fte, 'FTE');
        const all = sourcesOfRole.get(c.roleId)!;
        const missing = [...all].filter((g) => !c.sources.has(g));
        if (large) flag = { kind: 'large', reason: large };
        else if (c.sources.size > 0 && missing.length > 0) {
          flag = { kind: 'partial', reason: `the file has no ${listOf(missing.map((g) => `"${cellText(g)}"`), 3)} for ${org.name}, which its ${role.name} figures take a share of elsewhere in the file: this line would replace only part of the role` };
        }
      }
    }
    const key = `b:${c.orgId}:${c.roleId}`;
    const decision = decide(key, flag !== null, options);
    if (decision === 'exclude') status = 'excluded';
    preview.push({
      key,
      label: `${role.name} at ${org.name}`,
      org: org.name,
      role: role.name,
      year: null,
      status,
      before: b ? `FTE ${formatFte(b.fte)}, headcount ${formatHeads(b.headcount)}, establishment ${formatFte(b.establishment)}` : '—',
      after: `FTE ${formatFte(fte)}, headcount ${formatHeads(headcount)}, establishment ${formatFte(establishment)}${age ? ', age profile' : ''}`,
      notes,
      flag,
      decision,
      delta: b ? fte - b.fte : null,
    });
    if (status !== 'excluded' && status !== 'unchanged') writes.push({ orgId: c.orgId, roleId: c.roleId, fte, headcount, establishment, age });
  }
  const questions = largeQuestion(preview, wording);
  if (unit.headcountOnly && options.fteFromHeadcount === undefined) {
    const n = cells.filter((c) => !c.hasFte && c.hasHeadcount).length;
    questions.unshift({
      kind: 'fte-from-headcount',
      message: `The file holds headcount, not FTE, for ${plural(n, 'line')}: choose whether each keeps the plan's FTE or takes FTE derived from the plan's FTE per head (${wording.fteFromHeadcount()}). A headcount is never stored as FTE.`,
    });
  }
  return { preview, baseline: writes, yearly: [], questions, shares: shareLines(orgs, options, wholeByOrg, shareUnit), unit, counts: countLines(preview), errors };
}

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
  const intakeWhere = db.prepare('SELECT o.name AS org, r.name AS role FROM pipeline p JOIN organisation o ON o.id = p.org_id JOIN role r ON r.id = p.role_id WHERE p.id = ?');
  // The plan's figures for the target, read once (a query per cell is too slow for 10,000 cells).
  const beforeOf = new Map<string, number>();
  if (target === 'intakes') {
    for (const r of db.prepare('SELECT pipeline_id AS p, year, heads FROM pipeline_intake').all() as { p: number; year: number; heads: number }[]) beforeOf.set(`i:${r.p}:${r.year}`, r.heads);
  } else if (target === 'joiners') {
    const rows = db.prepare('SELECT j.kind, j.org_id AS o, j.role_id AS r, f.year, f.fte FROM other_joiner j JOIN other_joiner_fte f ON f.other_joiner_id = j.id WHERE j.scenario_id = ?').all(scenarioId) as { kind: string; o: number; r: number; year: number; fte: number }[];
    for (const r of rows) beforeOf.set(`j:${r.kind}:${r.o}:${r.r}:${r.year}`, r.fte);
  } else {
    const rows = db.prepare('SELECT org_id AS o, role_id AS r, year, sum(delta_fte) AS d FROM demand_change WHERE scenario_id = ? GROUP BY org_id, role_id, year').all(scenarioId) as { o: number; r: number; year: number; d: number | null }[];
    for (const r of rows) beforeOf.set(`d:${r.o}:${r.r}:${r.year}`, r.d ?? 0);
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
      const info = intakeWhere.get(y.pipelineId) as { org: string; role: string } | undefined;
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
    let status: PreviewRow['status'] = before === null ? 'added' : same(before, value) ? 'unchanged' : Math.abs(before - value) < ROUNDING ? 'rounding' : 'replaced';
    const large = status === 'replaced' && before !== null ? largeReason(before, value, target === 'intakes' ? 'heads' : 'FTE') : null;
    const flag: PreviewRow['flag'] = large ? { kind: 'large', reason: large } : null;
    const decision = decide(key, flag !== null, options);
    if (decision === 'exclude') status = 'excluded';
    preview.push({ key, label, org, role, year: y.year, status, before: before === null ? '—' : formatFte(before), after: formatFte(value), notes, flag, decision, delta: before === null ? null : value - before });
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

export const ZERO_AGES = (): number[] => new Array<number>(AGE_BAND_COUNT).fill(0);
