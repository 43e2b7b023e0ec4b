/**
 * Required intake across every pipeline into a role, worked by hand on small plans: how the
 * intake is shared, what happens to each organisation's gap, and the words when it cannot be done.
 */
import { describe, expect, it } from 'vitest';
import { cell, pipeline, plan } from '../../../tests/support/model-builders';
import { projectScenario } from './projection';
import { applyConstantIntake, requiredRoleIntake } from './required-intake';
import type { RoleIntakeQuestion, ScenarioInputs } from './types';

const at = (series: ArrayLike<number>, year: number) => series[year - 2019]!;

/**
 * Registered nurses (role 1), nobody leaving: Trust A is 36 FTE short in 2022/23 (100 in post,
 * 136 needed), Trust B 18 short (100, 118). Into A, a 3-year course keeping 0.8 × 0.9 = 0.72 FTE
 * a starter: only the 2019 cohort is in post by 2022, so each yearly starter brings 0.72 FTE by
 * then. Into B, a 1-year course keeping 0.5 FTE a starter: the 2019, 2020 and 2021 cohorts are in
 * post by 2022, so each yearly starter brings 3 × 0.5 = 1.5 FTE by then.
 */
const twoTrusts = (over: Partial<ScenarioInputs> = {}): ScenarioInputs =>
  plan({
    workforce: [cell(1, 1, { establishment: 136 }), cell(2, 1, { establishment: 118 })],
    pipelines: [
      pipeline(1, 1, 1, { name: 'Degree (A)', durationYears: 3, attrition: 0.2, conversion: 0.9, intakes: { 2019: 30 } }),
      pipeline(2, 2, 1, { name: 'Course (B)', durationYears: 1, attrition: 0, conversion: 0.5, intakes: { 2019: 10 } }),
    ],
    ...over,
  });
const ask = (inputs: ScenarioInputs, over: Partial<RoleIntakeQuestion>) =>
  requiredRoleIntake(inputs, { roleId: 1, orgId: null, fromYear: 2019, byYear: 2022, sharing: 'gap', pipelineId: null, ...over });

/** Gap by organisation in 2022/23 with the allocations applied. */
function gapsWith(inputs: ScenarioInputs, intakes: Map<number, number>) {
  const p = projectScenario({
    ...inputs,
    pipelines: inputs.pipelines.map((q) => (intakes.has(q.id) ? { ...q, intakes: applyConstantIntake(q, 2019, 2028, intakes.get(q.id)!) } : q)),
  });
  return p.cells.filter((c) => c.roleId === 1).map((c) => at(c.gap, 2022));
}

describe('required intake into every pipeline of a role', () => {
  it('in proportion to each organisation’s gap: both trusts close together (50 into A, 12 into B)', () => {
    // A needs 36 ÷ 0.72 = 50 starters a year, B 18 ÷ 1.5 = 12: 62 in all, and each gap closes exactly.
    const a = ask(twoTrusts(), { sharing: 'gap' });
    expect(a.ok).toBe(true);
    if (!a.ok) return;
    expect(a.exactTotal).toBeCloseTo(62, 9);
    expect(a.wholeTotal).toBe(62);
    expect(a.allocations.map((x) => [x.pipelineId, x.wholeIntake, x.currentIntake])).toEqual([
      [1, 50, 30],
      [2, 12, 10],
    ]);
    expect(a.allocations[0]!.share).toBeCloseTo(50 / 62, 12);
    expect(a.gapBefore).toBeCloseTo(54 - 30 * 0.72 - 10 * 0.5, 9);
    for (const o of a.byOrganisation) expect(Math.abs(o.gapAfter)).toBeLessThan(1e-9);
    expect(a.byOrganisation.map((o) => o.orgId)).toEqual([1, 2]);
    expect(a.notes).toEqual([]);
  });

  it('in proportion to current intakes: 30 : 10, so 54 FTE ÷ (0.75 × 0.72 + 0.25 × 1.5) a year', () => {
    const a = ask(twoTrusts(), { sharing: 'current' });
    expect(a.ok).toBe(true);
    if (!a.ok) return;
    const total = 54 / (0.75 * 0.72 + 0.25 * 1.5);
    expect(a.exactTotal).toBeCloseTo(total, 9);
    expect(a.allocations.map((x) => x.share)).toEqual([0.75, 0.25]);
    expect(a.allocations.map((x) => x.wholeIntake)).toEqual([Math.ceil(0.75 * total), Math.ceil(0.25 * total)]);
    // The role closes as a whole; B is then over and A short, which "gap" sharing avoids.
    const [gapA, gapB] = gapsWith(
      twoTrusts(),
      new Map([
        [1, 0.75 * total],
        [2, 0.25 * total],
      ]),
    );
    expect(gapA! + gapB!).toBeCloseTo(0, 9);
    expect(gapA!).toBeGreaterThan(0);
    expect(a.gapAfter).toBeLessThanOrEqual(1e-9);
  });

  it('one pipeline: all of it into B’s course; A’s 30 planned starters of 2019 still bring 21.6 FTE', () => {
    // (54 − 30 × 0.72) ÷ 1.5 = 21.6 a year.
    const a = ask(twoTrusts(), { sharing: 'one', pipelineId: 2 });
    expect(a.ok && a.exactTotal).toBeCloseTo(21.6, 9);
    expect(ask(twoTrusts(), { sharing: 'one', pipelineId: 2, orgId: 1 })).toEqual({ ok: false, reason: '"Course (B)" trains staff for Trust B, not Trust A.' });
  });

  it('for one organisation, only its own pipelines count', () => {
    const a = ask(twoTrusts(), { orgId: 2 });
    expect(a.ok && a.exactTotal).toBeCloseTo(12, 9);
    expect(a.ok && a.allocations.map((x) => x.pipelineId)).toEqual([2]);
  });

  it('leaves out a course that cannot finish in time, and says so', () => {
    // By 2021/22 the 3-year degree cannot help: B's course must close the whole 54 − 0 FTE of 2021.
    const a = ask(twoTrusts(), { byYear: 2021 });
    expect(a.ok).toBe(true);
    if (!a.ok) return;
    expect(a.allocations.map((x) => x.pipelineId)).toEqual([2]);
    expect(a.notes).toEqual([
      'Left out (they cannot add anyone by 2021/22): "Degree (A)": the course (3 years) is longer than the time left.',
      'Trust A is short by 36.0 FTE in 2021/22 without this intake, but no pipeline into Registered nurse there can help by then: the others make up for it.',
    ]);
    // Each yearly starter into B brings 2 × 0.5 = 1 FTE by 2021 (2019 and 2020 cohorts), for 54 FTE.
    expect(a.exactTotal).toBeCloseTo(54, 9);
  });

  it('says which organisation no pipeline can help, and lets the others make up for it', () => {
    // Only Trust B has a pipeline: sharing by gap puts all of the role’s 54 FTE on it.
    const inputs = twoTrusts({ pipelines: [pipeline(2, 2, 1, { name: 'Course (B)', durationYears: 1, conversion: 0.5 })] });
    const a = ask(inputs, {});
    expect(a.ok).toBe(true);
    if (!a.ok) return;
    expect(a.exactTotal).toBeCloseTo(36, 9);
    expect(a.notes).toEqual([
      'Trust A is short by 36.0 FTE in 2022/23 without this intake, but no pipeline into Registered nurse there can help by then: the others make up for it.',
    ]);
    expect(a.byOrganisation.find((o) => o.orgId === 1)!.gapAfter).toBeCloseTo(36, 9);
  });

  it('answers 0 when the gap is already closed without any intake', () => {
    const a = ask(twoTrusts({ workforce: [cell(1, 1, { establishment: 90 }), cell(2, 1, { establishment: 90 })] }), {});
    expect(a).toMatchObject({ ok: true, exactTotal: 0, wholeTotal: 0 });
  });

  it('stops at ten times the plausible intake and says what would still be missing', () => {
    // 5 healthcare assistants can become nursing associates (a 1-year course, leaving at the
    // start), 50 posts to fill. However many start, at most 5 qualify: 45 FTE stay missing. The
    // ideal is 50 starters a year, so the search stops at 500.
    const inputs = plan({
      workforce: [cell(1, 2, { fte: 5, headcount: 5 }), cell(1, 3, { fte: 0, headcount: 0, establishment: 50 })],
      pipelines: [pipeline(1, 1, 3, { name: 'TNA', sourceRoleId: 2, traineesLeaveSourceRole: true, durationYears: 1, intakes: { 2019: 2 } })],
    });
    expect(requiredRoleIntake(inputs, { roleId: 3, orgId: 1, fromYear: 2019, byYear: 2022, sharing: 'current', pipelineId: null })).toEqual({
      ok: false,
      reason:
        'Cannot close the gap of Nursing associate at Trust A by 2022/23 with "TNA": it would take more than 500 starters a year, ten times the 50 a year the gap would need if every starter stayed, qualified and took a post in time. Even at 500 a year, 2022/23 would still be short by 45.0 FTE (the role their trainees come from may run out).',
    });
  });

  it('names today’s intake as the limit when that is the larger', () => {
    // 3 healthcare assistants, 100 starters a year planned today, 5 nursing associate posts:
    // the ideal is 5 a year, today's 100 is larger, so the search stops at 1,000; 3 qualify at most.
    const inputs = plan({
      workforce: [cell(1, 2, { fte: 3, headcount: 3 }), cell(1, 3, { fte: 0, headcount: 0, establishment: 5 })],
      pipelines: [pipeline(1, 1, 3, { name: 'TNA', sourceRoleId: 2, traineesLeaveSourceRole: true, durationYears: 1, intakes: { 2019: 100, 2020: 100 } })],
    });
    expect(requiredRoleIntake(inputs, { roleId: 3, orgId: null, fromYear: 2019, byYear: 2022, sharing: 'one', pipelineId: 1 })).toEqual({
      ok: false,
      reason:
        'Cannot close the gap of Nursing associate across all organisations by 2022/23 with "TNA": it would take more than 1,000 starters a year, ten times today\'s intake into "TNA" (100 a year at most). Even at 1,000 a year, 2022/23 would still be short by 2.0 FTE (the role their trainees come from may run out).',
    });
  });

  it('refuses in words when no pipeline trains the role, or none can help in time', () => {
    expect(ask(twoTrusts({ pipelines: [] }), {})).toEqual({ ok: false, reason: 'No pipeline in this scenario trains Registered nurse: add one in Pipelines.' });
    expect(ask(twoTrusts({ pipelines: [] }), { orgId: 1 })).toEqual({
      ok: false,
      reason: 'No pipeline in this scenario trains Registered nurse for Trust A: add one in Pipelines.',
    });
    const slow = ask(twoTrusts(), { fromYear: 2022, byYear: 2022 });
    expect(slow).toEqual({
      ok: false,
      reason:
        'Cannot close the gap of Registered nurse across all organisations by 2022/23: none of its 2 pipelines can help by then. "Degree (A)": the course (3 years) is longer than the time left. "Course (B)": the course (1 year) is longer than the time left.',
    });
  });
});
