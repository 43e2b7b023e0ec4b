import { describe, expect, it } from 'vitest';
import { demoSession, dumpPlan } from '../../../tests/support/plans';
import { undo } from '../db/changes';
import { listPipelines } from '../db/repos/pipelines';
import v8 from 'node:v8';
import { MAX_ROW_VALUES, PROJECTION_SERIES } from '../../shared/api/dto';
import { applyRequiredIntake, askRequiredIntake, compareScenarios, projectionRows, projectionSummary, runProjection } from './projection';

describe('projection service', () => {
  it('projects the demo plan: every cell’s bridge adds up and the strategy’s targets are evaluated', () => {
    const { db } = demoSession();
    const r = runProjection(db, 2);
    expect(r.years).toEqual([2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026, 2027, 2028]);
    for (const c of r.cells) {
      for (let t = 0; t < r.years.length; t++) {
        const bridge = c.opening[t]! + c.qualified[t]! + c.otherJoiners[t]! - c.leavers[t]! - c.retirements[t]! - c.progressionOut[t]!;
        expect(Math.abs(bridge - c.closing[t]!)).toBeLessThan(1e-9 * Math.max(1, c.closing[t]!));
      }
    }
    const byName = (n: string) => r.targets.find((t) => t.targetId === (db.prepare('SELECT id FROM target WHERE name = ?').get(n) as { id: number }).id)!;
    // 5 cohorts of 50 × (1 − 24 %) = 190 trained by 2027: short of the 250 stated.
    expect(byName('Additional registered nurses through degree apprenticeships')).toMatchObject({ status: 'red' });
    expect(byName('Additional registered nurses through degree apprenticeships').projected).toBeCloseTo(190, 9);
    expect(byName('Learners on clinical placement (+40 % on 2,000)')).toMatchObject({ status: 'green', projected: 2800 });
    expect(byName('Endoscopists trained')).toMatchObject({ status: 'unknown', value: null });
    expect(r.shortage.length).toBeGreaterThan(0);
    expect(r.totals.closing.length).toBe(10);
  });

  it('answers the required-intake question for one pipeline and applies the answer as one undoable change', () => {
    const { db } = demoSession();
    const pa = listPipelines(db, 2).find((p) => p.name === 'Physician associates (primary care networks)')!;
    const answer = askRequiredIntake(db, 2, { roleId: pa.roleId, orgId: pa.orgId, fromYear: 2020, byYear: 2022, sharing: 'one', pipelineId: pa.id });
    expect(answer.ok).toBe(true);
    if (!answer.ok) return;
    expect(answer.gapBefore).toBeGreaterThan(0);
    const before = dumpPlan(db);
    const [after] = applyRequiredIntake(
      db,
      2,
      2020,
      answer.allocations.map((a) => ({ pipelineId: a.pipelineId, heads: a.wholeIntake })),
    );
    expect(after!.intakes[2020]).toBe(answer.wholeTotal);
    expect(after!.intakes[2028]).toBe(answer.wholeTotal);
    expect(after!.intakes[2019]).toBe(12);
    const cell = runProjection(db, 2).cells.find((c) => c.orgId === pa.orgId && c.roleId === pa.roleId)!;
    expect(cell.gap[2022 - 2019]!).toBeLessThanOrEqual(1e-6);
    undo(db);
    expect(dumpPlan(db)).toEqual(before);
  });

  it('closes the registered nurse gap of every organisation by 2024/25 in one step, across all its pipelines, undone by one undo', () => {
    const { db } = demoSession();
    const nurse = (db.prepare("SELECT id FROM role WHERE code = 'RN'").get() as { id: number }).id;
    const answer = askRequiredIntake(db, 2, { roleId: nurse, orgId: null, fromYear: 2020, byYear: 2024, sharing: 'gap', pipelineId: null });
    expect(answer.ok).toBe(true);
    if (!answer.ok) return;
    const into = listPipelines(db, 2).filter((p) => p.roleId === nurse);
    // Every nurse pipeline that can finish by 2024/25 takes a share; none is left at a surplus
    // while another organisation with pipelines stays short.
    expect(answer.allocations.length).toBeGreaterThan(3);
    expect(answer.allocations.every((a) => into.some((p) => p.id === a.pipelineId))).toBe(true);
    expect(answer.gapAfter).toBeLessThanOrEqual(1e-6);
    const before = dumpPlan(db);
    applyRequiredIntake(
      db,
      2,
      2020,
      answer.allocations.map((a) => ({ pipelineId: a.pipelineId, heads: a.wholeIntake })),
    );
    const gap2024 = runProjection(db, 2)
      .cells.filter((c) => c.roleId === nurse)
      .reduce((s, c) => s + c.gap[2024 - 2019]!, 0);
    expect(gap2024).toBeCloseTo(answer.gapAfter, 6);
    expect(gap2024).toBeLessThanOrEqual(1e-6);
    expect(db.prepare("SELECT count(*) AS n FROM change_set WHERE source = 'required intake'").get()).toEqual({ n: 1 });
    undo(db);
    expect(dumpPlan(db)).toEqual(before);
  });

  it('refuses a course that cannot finish in time, in words, and a pipeline of another scenario', () => {
    const { db } = demoSession();
    const rnda = listPipelines(db, 2).find((p) => p.name === 'Registered nurse degree apprenticeship (RBD)')!;
    expect(askRequiredIntake(db, 2, { roleId: rnda.roleId, orgId: rnda.orgId, fromYear: 2024, byYear: 2026, sharing: 'one', pipelineId: rnda.id })).toEqual({
      ok: false,
      reason: 'Cannot close by 2026/27: the course (4 years) is longer than the time left.',
    });
    expect(() => askRequiredIntake(db, 1, { roleId: rnda.roleId, orgId: null, fromYear: 2020, byYear: 2026, sharing: 'one', pipelineId: rnda.id })).toThrow(
      'belongs to another scenario',
    );
    expect(() => applyRequiredIntake(db, 1, 2020, [{ pipelineId: rnda.id, heads: 5 }])).toThrow('belongs to another scenario');
  });

  it('compares two scenarios cell by cell', () => {
    const { db } = demoSession();
    const c = compareScenarios(db, 1, 2);
    const changed = c.cells.filter((x) => x.changed);
    expect(changed.length).toBeGreaterThan(10);
    const closingGain = c.totalsB.closing[9]! - c.totalsA.closing[9]!;
    expect(closingGain).toBeCloseTo(
      changed.reduce((s, x) => s + x.closing[9]!, 0),
      6,
    );
  });

  it('summarises for the dashboard: the whole projection’s totals and targets, shortage roles worst first with a count, the biggest gaps', () => {
    const { db } = demoSession();
    const full = runProjection(db, 2);
    const s = projectionSummary(db, 2, { shortageLimit: 2, gapLimit: 3 });
    expect(s.totals).toEqual(full.totals);
    expect(s.targets).toEqual(full.targets);
    const shortage = full.shortage.filter((x) => x.isShortage).sort((a, b) => b.peakVacancyRate - a.peakVacancyRate);
    expect(shortage.length).toBeGreaterThan(2);
    expect(s.shortage.count).toBe(shortage.length);
    expect(s.shortage.roles).toEqual(shortage.slice(0, 2));
    expect(projectionSummary(db, 2, { shortageLimit: 1000 }).shortage.roles).toEqual(shortage);
    // Each cell at its worst year, biggest first, only real shortfalls.
    const worst = full.cells
      .map((c) => {
        const i = c.gap.indexOf(Math.max(...c.gap));
        return { orgId: c.orgId, roleId: c.roleId, yearIndex: i, gap: c.gap[i]!, vacancyRate: c.vacancyRate[i]!, agencyCost: c.agencyCost[i]! };
      })
      .filter((g) => g.gap >= 0.05)
      .sort((a, b) => b.gap - a.gap);
    expect(s.gaps.count).toBe(worst.length);
    expect(s.gaps.rows).toEqual(worst.slice(0, 3));
    expect(v8.serialize(s).length).toBeLessThan(16 * 1024);
  });

  it('sends the rows and years a view asks for as typed arrays, never more than fits in 1 MB', () => {
    const { db } = demoSession();
    const full = runProjection(db, 2);
    const r = projectionRows(db, { scenarioId: 2, series: ['closing', 'gap'], offset: 3, limit: 4, fromYear: 2021, toYear: 2023 });
    expect(r).toMatchObject({ totalRows: full.cells.length, offset: 3, years: [2021, 2022, 2023] });
    expect(r.orgIds).toBeInstanceOf(Int32Array);
    expect(r.values.closing).toBeInstanceOf(Float64Array);
    expect(Object.keys(r.values).sort()).toEqual(['closing', 'gap']);
    for (let i = 0; i < 4; i++) {
      const c = full.cells[3 + i]!;
      expect([r.orgIds[i], r.roleIds[i]]).toEqual([c.orgId, c.roleId]);
      expect([...r.values.closing!.subarray(i * 3, i * 3 + 3)]).toEqual(c.closing.slice(2, 5));
      expect([...r.values.gap!.subarray(i * 3, i * 3 + 3)]).toEqual(c.gap.slice(2, 5));
    }
    // Past the end: what there is.
    expect(projectionRows(db, { scenarioId: 2, series: ['gap'], offset: full.cells.length - 2, limit: 50 }).orgIds.length).toBe(2);
    // Every series of every row is cut to what fits.
    const all = projectionRows(db, { scenarioId: 2, series: [...PROJECTION_SERIES], offset: 0, limit: 100_000 });
    expect(all.orgIds.length).toBe(Math.min(full.cells.length, Math.floor(MAX_ROW_VALUES / (PROJECTION_SERIES.length * 10))));
    expect(v8.serialize(all).length).toBeLessThan(1024 * 1024);
    expect(() => projectionRows(db, { scenarioId: 2, series: ['gap'], offset: 0, limit: 5, fromYear: 2024, toYear: 2022 })).toThrow(/before/);
  });
});
