import { describe, expect, it } from 'vitest';
import { demoSession } from '../../../../tests/support/plans';
import { loadScenarioInputs, loadTargets } from '../../db/repos/model-inputs';
import nhs from '../../../../resources/demo/nhs-hchs-fte-2018-06.json';
import { AMBULANCE_DORSET_SHARE, STATED_NURSING_AGENCY_SPEND } from './model-inputs';
import { STAFF_GROUP_TO_ROLES } from '../../../shared/model/staff-groups';
import { runProjection } from '../projection';
import { listPipelines } from '../../db/repos/pipelines';

describe('the Dorset demo plan', () => {
  it('has the nine ICS partners plus primary care and independent social care, two scenarios and the stated pipelines', () => {
    const { db } = demoSession();
    const orgs = (db.prepare('SELECT code FROM organisation ORDER BY sort').all() as { code: string }[]).map((o) => o.code);
    expect(orgs).toEqual(['RBD', 'RDY', 'RD3', 'RDZ', 'RYF', '11J', 'BCP', 'DC', 'PHD', 'PCN', 'ASC']);
    expect(db.prepare('SELECT name FROM scenario ORDER BY sort').all()).toEqual([{ name: 'Do nothing' }, { name: 'Our Dorset plan' }]);
    const rnda = db
      .prepare(
        "SELECT i.year, sum(i.heads) AS heads FROM pipeline_intake i JOIN pipeline p ON p.id = i.pipeline_id JOIN scenario s ON s.id = p.scenario_id WHERE s.name = 'Our Dorset plan' AND p.name LIKE 'Registered nurse degree apprenticeship%' GROUP BY i.year ORDER BY i.year",
      )
      .all();
    expect(rnda).toEqual([2019, 2020, 2021, 2022, 2023].map((year) => ({ year, heads: 50 })));
    const placements = db.prepare(
      "SELECT i.year, sum(i.heads) AS heads FROM pipeline_intake i JOIN pipeline p ON p.id = i.pipeline_id JOIN scenario s ON s.id = p.scenario_id WHERE s.name = ? AND p.type = 'placement' AND i.year IN (2019, 2024) GROUP BY i.year ORDER BY i.year",
    );
    expect(placements.all('Our Dorset plan')).toEqual([
      { year: 2019, heads: 2000 },
      { year: 2024, heads: 2800 },
    ]);
    expect(placements.all('Do nothing')).toEqual([
      { year: 2019, heads: 2000 },
      { year: 2024, heads: 2000 },
    ]);
    // Every number that is not stated carries a source note.
    const unsourced = db.prepare("SELECT count(*) AS n FROM assumption WHERE source = '' OR status NOT IN ('stated','derived','illustrative')").get();
    expect(unsourced).toEqual({ n: 0 });
  });

  it('takes the NHS baseline from the June 2018 file through the written-down mapping', () => {
    const { db } = demoSession();
    const inputs = loadScenarioInputs(db, 1);
    const orgId = (code: string) => (db.prepare('SELECT id FROM organisation WHERE code = ?').get(code) as { id: number }).id;
    const sumFor = (code: string) => inputs.workforce.filter((c) => c.orgId === orgId(code)).reduce((s, c) => s + c.fte, 0);
    for (const code of ['RBD', 'RDY', 'RD3', 'RDZ', '11J']) {
      const groups = (nhs.fte as Record<string, Record<string, number>>)[code]!;
      const mapped = Object.entries(groups)
        .filter(([g]) => g in STAFF_GROUP_TO_ROLES)
        .reduce((s, [, v]) => s + v, 0);
      // Each cell is rounded to 0.1 FTE.
      expect(Math.abs(sumFor(code) - mapped), code).toBeLessThan(0.05 * 20);
    }
    const ryf = Object.entries((nhs.fte as Record<string, Record<string, number>>)['RYF']!)
      .filter(([g]) => g in STAFF_GROUP_TO_ROLES)
      .reduce((s, [, v]) => s + v, 0);
    expect(Math.abs(sumFor('RYF') - ryf * AMBULANCE_DORSET_SHARE)).toBeLessThan(1);
    // The ambulance trust carries that share, with its source, for imports to apply.
    const ryfShare = db.prepare("SELECT share, share_source FROM organisation WHERE code = 'RYF'").get() as { share: number; share_source: string };
    expect(ryfShare.share).toBe(65 / 241);
    expect(ryfShare.share_source).toMatch(/^65\/241: /);
    expect(db.prepare('SELECT count(*) AS n FROM organisation WHERE share < 1').get()).toEqual({ n: 1 });
    // Registered nurses at Dorset County Hospital: 542.53242 FTE of nurses & health visitors × 0.97.
    const rn = (
      db
        .prepare(
          "SELECT b.fte FROM workforce_baseline b JOIN organisation o ON o.id = b.org_id JOIN role r ON r.id = b.role_id WHERE o.code = 'RBD' AND r.code = 'RN'",
        )
        .get() as { fte: number }
    ).fte;
    expect(rn).toBe(526.3);
    for (const shares of Object.values(STAFF_GROUP_TO_ROLES)) expect(shares.reduce((s, [, v]) => s + v, 0)).toBeCloseTo(1, 12);
  });

  it('turns the strategy’s commitments into targets, keeping the unknown one unknown', () => {
    const { db } = demoSession();
    const targets = loadTargets(db, 2);
    expect(targets.map((t) => [t.name, t.value, t.year])).toEqual([
      ['Additional registered nurses through degree apprenticeships', 250, 2027],
      ['Additional nursing associates trained', 452, 2025],
      ['Additional pharmacy technicians trained', 100, 2025],
      ['Learners on clinical placement (+40 % on 2,000)', 2800, 2024],
      ['Additional ambulance staff in Dorset', 65, 2020],
      ['Endoscopists trained', null, 2024],
    ]);
    expect(targets[0]!.pipelineIds).toHaveLength(4);
    // "Do nothing" has no apprenticeship pipelines: the same target counts none there.
    expect(loadTargets(db, 1)[0]!.pipelineIds).toEqual([]);
  });

  it('gives every organisation and role that a pipeline trains into a demand, marked illustrative with its reasoning', () => {
    const { db } = demoSession();
    for (const scenario of db.prepare('SELECT id, name FROM scenario').all() as { id: number; name: string }[]) {
      const r = runProjection(db, scenario.id);
      for (const p of listPipelines(db, scenario.id)) {
        const cell = r.cells.find((c) => c.orgId === p.orgId && c.roleId === p.roleId)!;
        expect(cell.demand.at(-1), `${scenario.name}: ${p.name}`).toBeGreaterThan(0);
      }
    }
    const na = db
      .prepare(
        "SELECT a.status, a.source FROM demand_change d JOIN role r ON r.id = d.role_id JOIN assumption a ON a.entity = 'demand_change' AND a.entity_id = d.id WHERE r.code = 'NA'",
      )
      .all() as { status: string; source: string }[];
    expect(na.length).toBe(20);
    expect(new Set(na.map((n) => n.status))).toEqual(new Set(['illustrative']));
    expect(na[0]!.source).toContain('an additional 452 nursing associates by 2025');
  });

  it('sets the nurse agency cost so that the NHS trusts’ shortfall at the start of the base year costs the stated £24m a year', () => {
    const { db } = demoSession();
    for (const scenarioId of [1, 2]) {
      const rows = db
        .prepare(
          "SELECT b.establishment - b.fte AS short, r.agency_share AS share, r.agency_cost_per_fte AS cost FROM workforce_baseline b JOIN workforce_rate r ON r.org_id = b.org_id AND r.role_id = b.role_id JOIN organisation o ON o.id = b.org_id JOIN role ro ON ro.id = b.role_id WHERE r.scenario_id = ? AND o.kind = 'nhs-trust' AND ro.code = 'RN'",
        )
        .all(scenarioId) as { short: number; share: number; cost: number }[];
      const spend = rows.reduce((s, x) => s + Math.max(0, x.short) * x.share * x.cost, 0);
      // The cost per FTE is rounded to £100: within £100 × the shortfall of the stated figure.
      const short = rows.reduce((s, x) => s + Math.max(0, x.short) * x.share, 0);
      expect(Math.abs(spend - STATED_NURSING_AGENCY_SPEND)).toBeLessThanOrEqual(50 * short);
    }
  });
});
