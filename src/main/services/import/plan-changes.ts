/**
 * From what a file holds per plan cell to what an import will write, line by line, and why
 * (baseline-changes.ts for the baseline, yearly-changes.ts for intakes, joiners and demand; the
 * lines' shared rules here):
 * organisation shares applied ("whole trust 3,891.0 FTE × 27.0% = 1,049.4"); a headcount
 * never stored as FTE (FTE is kept, or derived from the plan's FTE per head, as the user
 * chooses); headcount and establishment a file does not hold kept, scaled with FTE or cleared;
 * moves under 0.05 reported as rounding; and every large change (more than 25 % and at least
 * 5 FTE) or partial replacement of a role flagged until the user imports or leaves it out.
 */
import type { ImportOptions, ImportQuestion, ImportReport, PreviewRow, ShareLine } from '../../../shared/api/channels/import';
import { formatFte, formatHeads, formatPercent } from '../../../shared/format';
import { AGE_BAND_COUNT } from '../../../shared/model/types';
import type { PlanOrg, PlanRole } from '../../db/repos/reference';
import { listOf, plural, type Wording } from './wording';

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

export const same = (a: number, b: number) => Math.abs(a - b) < 1e-9;

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

export function shareText(org: PlanOrg, whole: number, share: number, unit: 'FTE' | 'headcount'): string {
  const fmt = unit === 'FTE' ? formatFte : formatHeads;
  return `${wholeWord(org)} ${fmt(whole)} ${unit} × ${formatPercent(share)} = ${fmt(whole * share)}`;
}

export function shareLines(orgs: Map<number, PlanOrg>, options: ImportOptions, totals: Map<number, number>, unit: 'FTE' | 'headcount'): ShareLine[] {
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
      source: given
        ? share === 1
          ? 'given for this import: the file holds only the plan’s part'
          : 'given for this import'
        : org.share_source || 'the plan’s share of the organisation',
      whole,
      planned: whole * share,
      text: shareText(org, whole, share, unit),
    });
  }
  return lines.sort((a, b) => a.org.localeCompare(b.org));
}

export function decide(key: string, flagged: boolean, options: ImportOptions): 'import' | 'exclude' | null {
  if (!flagged) return null;
  return options.decisions?.[key] ?? (options.acceptLargeChanges ? 'import' : null);
}

export function largeReason(before: number, after: number, unit: string): string | null {
  const delta = after - before;
  if (Math.abs(delta) < LARGE_AMOUNT || Math.abs(delta) <= LARGE_FRACTION * Math.abs(before)) return null;
  const pct = before === 0 ? '' : ` (${delta > 0 ? '+' : '−'}${formatPercent(Math.abs(delta) / before)})`;
  return `${unit} ${formatFte(before)} → ${formatFte(after)}${pct}: a change of more than 25 % and at least ${LARGE_AMOUNT} ${unit}`;
}

export function countLines(rows: PreviewRow[]): ImportReport['counts'] {
  const counts = { added: 0, replaced: 0, rounding: 0, unchanged: 0, excluded: 0, flagged: 0 };
  for (const r of rows) {
    counts[r.status]++;
    if (r.flag) counts.flagged++;
  }
  return counts;
}

export function largeQuestion(rows: PreviewRow[], wording: Wording): ImportQuestion[] {
  const open = rows.filter((r) => r.flag && r.decision === null);
  if (open.length === 0) return [];
  const large = open.filter((r) => r.flag!.kind === 'large').length;
  const partial = open.length - large;
  const what = [
    large > 0 ? plural(large, 'large change') : '',
    partial > 0 ? plural(partial, 'line that replaces only part of a role', 'lines that replace only part of a role') : '',
  ].filter(Boolean);
  return [
    {
      kind: 'large-changes',
      message: `${listOf(what)} need${open.length === 1 ? 's' : ''} an answer before the import (${listOf(
        open.slice(0, 3).map((r) => r.label),
        3,
      )}): ${wording.largeChanges()}.`,
    },
  ];
}

export const ZERO_AGES = (): number[] => new Array<number>(AGE_BAND_COUNT).fill(0);
