/**
 * Writes the Dorset demo into an empty plan, in one transaction, outside the change log (a new
 * plan has nothing to undo).
 */
import type { Db } from '../../db/connection';
import { setAssumption } from '../../db/repos/assumptions';
import { setMeta } from '../../db/repos/meta';
import { insertPipeline, setIntake } from '../../db/repos/pipelines';
import { insertScenario } from '../../db/repos/scenarios';
import { DEMO_PIPELINES } from './pipelines';
import { DEMO_BASE_YEAR, DEMO_HORIZON_YEAR, DEMO_ORGANISATIONS, DEMO_PLAN_NAME, DEMO_ROLES, DEMO_SCENARIOS } from './reference';
import type { DemoIds } from './ids';
import { seedModelInputs } from './model-inputs';

function lookup<K>(map: Map<K, number>, key: K, what: string): number {
  const v = map.get(key);
  if (v === undefined) throw new Error(`Demo data names an unknown ${what}: ${String(key)}`);
  return v;
}

export function seedDemoPlan(db: Db): DemoIds {
  return db.transaction(() => {
    setMeta(db, 'name', DEMO_PLAN_NAME);
    setMeta(db, 'base_year', String(DEMO_BASE_YEAR));
    setMeta(db, 'horizon_year', String(DEMO_HORIZON_YEAR));
    setMeta(db, 'created_at', new Date().toISOString());

    const org = new Map<string, number>();
    DEMO_ORGANISATIONS.forEach((o, i) => {
      org.set(
        o.code,
        Number(
          db
            .prepare('INSERT INTO organisation (code, name, kind, sort, share, share_source) VALUES (?, ?, ?, ?, ?, ?)')
            .run(o.code, o.name, o.kind, i, o.share?.value ?? 1, o.share?.source ?? '').lastInsertRowid,
        ),
      );
    });
    const role = new Map<string, number>();
    DEMO_ROLES.forEach((r, i) => {
      role.set(
        r.code,
        Number(db.prepare('INSERT INTO role (code, name, staff_group, sort) VALUES (?, ?, ?, ?)').run(r.code, r.name, r.staffGroup, i).lastInsertRowid),
      );
    });
    const scenario = new Map<'nothing' | 'plan', number>();
    for (const s of DEMO_SCENARIOS) scenario.set(s.key, insertScenario(db, s.name, s.description));

    const lineage = new Map<string, number>();
    for (const p of DEMO_PIPELINES) {
      for (const key of p.scenarios) {
        const id = insertPipeline(db, {
          scenarioId: lookup(scenario, key, 'scenario'),
          lineageId: lineage.get(p.name),
          name: p.name,
          type: p.type,
          orgId: lookup(org, p.org, 'organisation'),
          roleId: lookup(role, p.role, 'role'),
          sourceRoleId: p.sourceRole ? lookup(role, p.sourceRole, 'role') : null,
          traineesLeaveSourceRole: p.traineesLeaveSourceRole,
          durationYears: p.durationYears,
          attrition: p.attrition,
          conversion: p.conversion,
          ftePerHead: p.ftePerHead,
          costPerLearnerYear: p.costPerLearnerYear,
          entrantAgeBand: p.entrantAgeBand,
        });
        if (!lineage.has(p.name)) lineage.set(p.name, id);
        const intakes = p.intakesByScenario?.[key] ?? p.intakes;
        for (const [year, heads] of Object.entries(intakes)) setIntake(db, id, Number(year), heads);
        for (const [field, [status, source]] of Object.entries(p.notes)) setAssumption(db, 'pipeline', id, field, status, source);
      }
    }
    const ids: DemoIds = { org, role, scenario, lineage };
    seedModelInputs(db, ids);
    return ids;
  })();
}
