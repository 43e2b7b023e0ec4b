/**
 * Cell values that are also names of JavaScript's own properties — "__proto__", "constructor",
 * "toString" — are ordinary text: imported as organisation names through the real handlers
 * (the contract's validation included), matched, mapped by hand, skipped when unknown, and
 * never a TypeError or a changed prototype.
 */
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppContext } from '../../src/main/app-context';
import { ScriptedDialogs } from '../../src/main/dialogs';
import { dispatch } from '../../src/main/ipc/dispatch';
import { createHandlers } from '../../src/main/ipc/handlers';
import type { ImportMapping, ImportReport, SheetAnalysis } from '../../src/shared/api/channels/import';
import type { Envelope } from '../../src/shared/api/errors';
import { own, setOwn } from '../../src/shared/own';
import { closeSession, createDemoPlan } from '../../src/main/services/plan-session';
import { tempDir } from '../support/temp';

const NAMES = ['__proto__', 'constructor', 'toString'] as const;
let ctx: AppContext | null = null;
afterEach(() => {
  ctx?.close();
  ctx = null;
});

function setup(withOrgs: boolean) {
  const dir = tempDir('wfp-hostile-');
  const plan = path.join(dir, 'Dorset.wfplan');
  const s = createDemoPlan(plan);
  if (withOrgs) {
    NAMES.forEach((n, i) => s.db.prepare("INSERT INTO organisation (code, name, kind, sort) VALUES (?, ?, 'trust', ?)").run(n, `${n} trust`, 100 + i));
  }
  closeSession(s);
  ctx = new AppContext({ userDataDir: path.join(dir, 'user'), dialogs: new ScriptedDialogs(), appVersion: 'test', autoBackup: false });
  ctx.openPath(plan);
  return { ctx, handlers: createHandlers(ctx), scenarioId: (ctx.db.prepare('SELECT id FROM scenario ORDER BY sort, id LIMIT 1').get() as { id: number }).id };
}

async function ok<T>(res: Promise<Envelope<unknown>>): Promise<T> {
  const r = await res;
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
}

const csv = `Org Code,Job Role,FTE\n${NAMES.map((n, i) => `${n},RN,${i + 1}`).join('\n')}\nvalueOf,RN,9\n`;
const fteOf = (c: AppContext, code: string) =>
  (
    c.db
      .prepare(
        "SELECT b.fte FROM workforce_baseline b JOIN organisation o ON o.id = b.org_id JOIN role r ON r.id = b.role_id WHERE o.code = ? AND r.code = 'RN'",
      )
      .get(code) as { fte: number } | undefined
  )?.fte;

describe('prototype-named cell values', () => {
  it('are matched to organisations of those names and imported, through the handlers', async () => {
    const { ctx: c, handlers, scenarioId } = setup(true);
    const analysis = await ok<SheetAnalysis>(
      dispatch(handlers, 'import/load-bytes', { taskId: 'hostile-load', target: 'baseline', name: 'orgs.csv', bytes: new TextEncoder().encode(csv) }),
    );
    const report = await ok<ImportReport>(
      dispatch(handlers, 'import/validate', { taskId: 'hostile-check', token: analysis.token, scenarioId, mapping: analysis.proposed }),
    );
    expect(report.errors).toBe(0);
    expect(report.values.filter((v) => v.kind === 'org').map((v) => [v.value, v.proposedBy])).toEqual([
      ...NAMES.map((n) => [n, 'code']),
      ['valueOf', 'not in the plan'],
    ]);
    expect(report.problems.map((p) => p.message)).toContainEqual(
      expect.stringMatching(/^1 organisation is not in the plan or skipped \('valueOf'\): 1 row is left out\./),
    );
    // The demo's figures are replaced by small ones: a large change, accepted here.
    const accepted = { ...report.mapping, options: { ...report.mapping.options, acceptLargeChanges: true } };
    await ok(
      dispatch(handlers, 'import/commit', { taskId: 'hostile-commit', token: analysis.token, scenarioId, mapping: accepted, saveMappingAs: 'Odd names' }),
    );
    expect(NAMES.map((n) => fteOf(c, n))).toEqual([1, 2, 3]);
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
    expect({} as Record<string, unknown>).not.toHaveProperty('polluted');
    expect(typeof {}.toString).toBe('function');
  });

  it('mapped by hand (a value the plan does not know, mapped to an organisation) the choice is kept, for every one of them', async () => {
    const { ctx: c, handlers, scenarioId } = setup(false);
    const analysis = await ok<SheetAnalysis>(
      dispatch(handlers, 'import/load-bytes', { taskId: 'hostile-load', target: 'baseline', name: 'orgs.csv', bytes: new TextEncoder().encode(csv) }),
    );
    const first = await ok<ImportReport>(
      dispatch(handlers, 'import/validate', { taskId: 'hostile-check', token: analysis.token, scenarioId, mapping: analysis.proposed }),
    );
    // Nothing is in the plan under these names: skipped with a warning, not an error or a crash.
    expect(first.values.filter((v) => v.kind === 'org').every((v) => v.proposedBy === 'not in the plan')).toBe(true);
    const dch = (c.db.prepare("SELECT id FROM organisation WHERE code = 'RBD'").get() as { id: number }).id;
    const org: Record<string, number | null> = JSON.parse(JSON.stringify(first.mapping.values.org)) as Record<string, number | null>;
    for (const n of NAMES) setOwn(org, n, dch);
    const mapping: ImportMapping = { ...first.mapping, values: { ...first.mapping.values, org } };
    const second = await ok<ImportReport>(dispatch(handlers, 'import/validate', { taskId: 'hostile-check', token: analysis.token, scenarioId, mapping }));
    expect(second.values.filter((v) => v.kind === 'org').map((v) => [v.value, v.proposedBy])).toEqual([
      ...NAMES.map((n) => [n, 'saved']),
      ['valueOf', 'saved'],
    ]);
    expect(own(second.mapping.values.org, 'valueOf')).toBeNull();
    await ok(
      dispatch(handlers, 'import/commit', {
        taskId: 'hostile-commit',
        token: analysis.token,
        scenarioId,
        mapping: { ...second.mapping, options: { ...second.mapping.options, acceptLargeChanges: true } },
      }),
    );
    // All three rows went to Dorset County Hospital: 1 + 2 + 3.
    expect(fteOf(c, 'RBD')).toBe(6);
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  });
});
