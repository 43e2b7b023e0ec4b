import { describe, expect, it } from 'vitest';
import { demoSession } from '../../../tests/support/plans';
import { agencyExplanation } from '../../shared/agency';
import { listPipelines } from '../db/repos/pipelines';
import { listOrganisations, listRoles } from '../db/repos/reference';
import { listWorkforce } from './inputs';
import { setPipelineIntake, updatePipelineFields } from './pipelines';
import { projectionScope, projectionSummary, runProjection } from './projection';
import type { Db } from '../db/connection';

const PLAN = 2;

/** The scope's gap per year, summed from the whole projection (the window's old way). */
function gapOf(db: Db, scenarioId: number, orgId: number, roleId: number): number[] {
  const r = runProjection(db, scenarioId);
  const out = r.years.map(() => 0);
  for (const c of r.cells) if (c.orgId === orgId && c.roleId === roleId) c.gap.forEach((g, t) => (out[t]! += g));
  return out;
}

describe('what the window is told of an edit’s effect', () => {
  it('gives a scope’s gap now and before the last change that moved a number, and the totals before it', () => {
    const { db } = demoSession();
    const p = listPipelines(db, PLAN).find((x) => x.name.startsWith('Registered nurse degree apprenticeship'))!;
    const scope = { scenarioId: PLAN, orgId: p.orgId, roleId: p.roleId, staffGroup: null };
    const first = projectionSummary(db, PLAN);
    expect(first.previousTotals).toBeNull();
    const before = projectionScope(db, scope);
    expect(before.was).toBeNull();
    expect(before.now).toEqual(gapOf(db, PLAN, p.orgId, p.roleId));

    setPipelineIntake(db, p.id, 2020, (p.intakes[2020] ?? 0) + 30);
    const after = projectionScope(db, scope);
    expect(after.now).toEqual(gapOf(db, PLAN, p.orgId, p.roleId));
    expect(after.was).toEqual(before.now);
    expect(after.now).not.toEqual(after.was);
    const second = projectionSummary(db, PLAN);
    expect(second.previousTotals).toEqual(first.totals);
    expect(second.totals.closing.at(-1)).toBeGreaterThan(first.totals.closing.at(-1)!);

    // A change that moves no number (a new name) keeps "before" as the last change that did.
    updatePipelineFields(db, p.id, { name: `${p.name} (renamed)` });
    expect(projectionScope(db, scope).was).toEqual(before.now);
    expect(projectionSummary(db, PLAN).previousTotals).toEqual(first.totals);

    // A staff group's scope is the sum of its roles' cells at the organisation.
    const group = listRoles(db).find((r) => r.id === p.roleId)!.staffGroup;
    const roles = listRoles(db)
      .filter((r) => r.staffGroup === group)
      .map((r) => r.id);
    const expected = roles.map((roleId) => gapOf(db, PLAN, p.orgId, roleId)).reduce((a, g) => a.map((v, t) => v + g[t]!));
    const byGroup = projectionScope(db, { scenarioId: PLAN, orgId: p.orgId, roleId: null, staffGroup: group });
    byGroup.now!.forEach((v, t) => expect(v).toBeCloseTo(expected[t]!, 9));

    // Another scenario starts afresh; a scope with no cell has nothing to show.
    expect(projectionScope(db, { ...scope, scenarioId: 1 }).was).toBeNull();
    expect(projectionScope(db, { ...scope, scenarioId: 1, orgId: 999_999 }).now).toBeNull();
  });

  it('words the agency card from the costliest role’s rows as the window did from every row', () => {
    const { db } = demoSession();
    const summary = projectionSummary(db, PLAN);
    const whole = agencyExplanation(runProjection(db, PLAN), listWorkforce(db, PLAN), { organisations: listOrganisations(db), roles: listRoles(db) });
    expect(summary.agency).toEqual(whole);
    expect(summary.agency.detail).toContain('Registered nurse, the largest part');
  });
});
