/**
 * The baseline lines of an import (see plan-changes.ts): what each organisation × role becomes,
 * with its share applied, headcount and establishment kept, scaled or cleared, and why.
 */
import type { ImportOptions, ImportReport, KeepPolicy, PreviewRow } from '../../../shared/api/channels/import';
import { formatFte, formatHeads } from '../../../shared/format';
import type { Db } from '../../db/connection';
import { baselineStored, fteAndHeadsByRole } from '../../db/repos/workforce';
import { cellText } from './limits';
import {
  ageProfileOf,
  countLines,
  decide,
  largeQuestion,
  largeReason,
  ROUNDING,
  same,
  shareLines,
  shareOf,
  shareText,
  type BaselineCell,
  type BaselineWrite,
  type Changes,
  type PlanOrg,
  type PlanRole,
} from './plan-changes';
import { listOf, plural, type Wording } from './wording';
interface BaselineRow {
  fte: number;
  headcount: number;
  establishment: number;
  age_profile: string;
}

/** FTE per head by role across the plan's baseline (for lines with no figures of their own). */
function ftePerHeadByRole(db: Db): { byRole: Map<number, number>; overall: number | null } {
  const rows = fteAndHeadsByRole(db);
  const byRole = new Map(rows.map((r) => [r.role_id, r.fte / r.heads]));
  const fte = rows.reduce((a, r) => a + r.fte, 0);
  const heads = rows.reduce((a, r) => a + r.heads, 0);
  return { byRole, overall: heads > 0 ? fte / heads : null };
}

const POLICY_WORDS: Record<KeepPolicy, string> = { keep: 'kept', scale: 'scaled with FTE', clear: 'cleared' };

/** The baseline lines of an import: what each cell becomes, and why. */
export function baselineChanges(
  db: Db,
  orgs: Map<number, PlanOrg>,
  roles: Map<number, PlanRole>,
  cells: BaselineCell[],
  options: ImportOptions,
  wording: Wording,
): Changes {
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
    const b: BaselineRow | undefined = baselineStored(db, c.orgId, c.roleId);
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
          errors.push(
            `${role.name} at ${org.name}: the plan has no FTE per head to derive FTE from (no line of the plan has both FTE and headcount). Keep FTE instead (${wording.fteFromHeadcount()}).`,
          );
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
      else if (
        Math.abs(b.fte - fte) < ROUNDING &&
        Math.abs(b.headcount - headcount) < ROUNDING &&
        Math.abs(b.establishment - establishment) < ROUNDING &&
        ageSame
      )
        status = 'rounding';
      else {
        status = 'replaced';
        const headOnlyKept = inFte === null && inHead !== null && options.fteFromHeadcount !== 'derive';
        const large = headOnlyKept ? largeReason(b.headcount, headcount, 'headcount') : largeReason(b.fte, fte, 'FTE');
        const all = sourcesOfRole.get(c.roleId)!;
        const missing = [...all].filter((g) => !c.sources.has(g));
        if (large) flag = { kind: 'large', reason: large };
        else if (c.sources.size > 0 && missing.length > 0) {
          flag = {
            kind: 'partial',
            reason: `the file has no ${listOf(
              missing.map((g) => `"${cellText(g)}"`),
              3,
            )} for ${org.name}, which its ${role.name} figures take a share of elsewhere in the file: this line would replace only part of the role`,
          };
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
  return {
    preview,
    baseline: writes,
    yearly: [],
    questions,
    shares: shareLines(orgs, options, wholeByOrg, shareUnit),
    unit,
    counts: countLines(preview),
    errors,
  };
}
