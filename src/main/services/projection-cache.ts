/**
 * The loaded inputs and the projection of each scenario, kept in memory between edits so that a
 * projection after an edit costs what the edit touched, not what the plan holds.
 *
 * What changed is learnt from the database itself: temporary triggers on this connection note
 * every write to a table the engine reads (whoever makes it: a service, a paste, an import, undo
 * and redo, a scenario copy), and a write by another connection shows in `PRAGMA data_version`.
 * A pipeline and its intakes, a cell's baseline and rates, or a joiner row and its yearly FTE
 * changed: that row is re-read and only the cells it can reach are projected again — its
 * organisation × role and every role linked to it by progression routes (a connected group of
 * cells never exchanges staff with another, so projecting the group alone gives the same
 * numbers, bit for bit). Anything else written to the engine's inputs (rows added or removed,
 * demand, organisations, roles, the plan's years) reloads the scenario, or every scenario.
 */
import { CELL_SERIES, projectScenario, type Pipeline, type Projection, type ScenarioInputs } from '../../shared/model';
import type { Db } from '../db/connection';
import { loadScenarioInputs, otherJoiner, workforceRows } from '../db/repos/model-inputs';
import { pipelineForModel } from '../db/repos/pipelines';
import { statement } from '../db/statements';

type CachedPipeline = Pipeline & { lineageId: number };

interface Entry {
  inputs: ScenarioInputs & { pipelines: CachedPipeline[] };
  projection: Projection;
  /** Changes whenever the projection may have: what is worked out from it can be kept while it holds. */
  generation: number;
  /** pipeline id → its index in inputs.pipelines and projection.pipelines */
  pipelineAt: Map<number, number>;
  /** cell key → its index in inputs.workforce */
  workforceAt: Map<number, number>;
  /** joiner row id → its index in inputs.otherJoiners */
  joinerAt: Map<number, number>;
  /** cell key → its index in projection.cells */
  cellAt: Map<number, number>;
  /** Keys of the cells that have a workforce row. */
  workforceKeys: Set<number>;
  /** Keys of the cells added without a workforce row, in projection order. */
  extraKeys: number[];
}

interface Cache {
  entries: Map<number, Entry>;
  dataVersion: number;
}

/** How the last projection of a scenario was brought up to date, for tests and the benchmark. */
export type Refresh = 'cached' | 'incremental' | 'full';

/** Generations are numbered across every entry of every connection, so that one is never mistaken for another. */
let generations = 0;

/** null: this connection cannot hold the triggers (its temporary store cannot be written), so nothing is kept. */
const caches = new WeakMap<Db, Cache | null>();

const ROLE_BITS = 2 ** 26;
/** One number per organisation × role (ids are SQLite row ids, far below 2^26 in any plan). */
const keyOf = (orgId: number, roleId: number): number => orgId * ROLE_BITS + roleId;
const keyable = (id: number): boolean => Number.isInteger(id) && id >= 0 && id < ROLE_BITS;

/** Tables the engine reads whose writes reload one scenario, or the whole plan. */
const SCENARIO_TABLES = ['growth_driver', 'demand_change'] as const;
const PLAN_TABLES = ['plan_meta', 'organisation', 'role', 'scenario'] as const;
/** A cell's key in SQL (as keyOf). */
const CELL_KEY = (alias: string) => `${alias}.org_id * ${2 ** 26} + ${alias}.role_id`;

function installDirtyTracking(db: Db): void {
  // No unique key: a trigger's own conflict clause gives way to the statement that fired it, so
  // a repeat is skipped with NOT EXISTS instead.
  db.exec(
    'CREATE TEMP TABLE IF NOT EXISTS projection_dirty (what TEXT NOT NULL, id INTEGER NOT NULL); CREATE INDEX IF NOT EXISTS temp.projection_dirty_key ON projection_dirty (what, id)',
  );
  const note = (what: string, id: string) =>
    `INSERT INTO temp.projection_dirty (what, id) SELECT '${what}', ${id} WHERE NOT EXISTS (SELECT 1 FROM temp.projection_dirty WHERE what = '${what}' AND id = ${id});`;
  const triggers: string[] = [];
  const on = (table: string, op: 'INSERT' | 'UPDATE' | 'DELETE', body: string) =>
    triggers.push(`CREATE TEMP TRIGGER IF NOT EXISTS "projection_${table}_${op.toLowerCase()}" AFTER ${op} ON main."${table}" BEGIN ${body} END;`);
  on('pipeline_intake', 'INSERT', note('pipeline', 'NEW.pipeline_id'));
  on('pipeline_intake', 'UPDATE', note('pipeline', 'OLD.pipeline_id') + note('pipeline', 'NEW.pipeline_id'));
  on('pipeline_intake', 'DELETE', note('pipeline', 'OLD.pipeline_id'));
  on('pipeline', 'UPDATE', note('pipeline', 'OLD.id') + note('pipeline', 'NEW.id'));
  // A new order of the pipelines is a new order of the projection's pipelines.
  triggers.push(
    `CREATE TEMP TRIGGER IF NOT EXISTS "projection_pipeline_sort" AFTER UPDATE OF sort ON main."pipeline" WHEN OLD.sort IS NOT NEW.sort BEGIN ${note('scenario', 'OLD.scenario_id')}${note('scenario', 'NEW.scenario_id')} END;`,
  );
  on('pipeline', 'INSERT', note('scenario', 'NEW.scenario_id'));
  on('pipeline', 'DELETE', note('scenario', 'OLD.scenario_id'));
  // A cell's baseline or rates: that cell; a baseline row added or removed changes the cells projected.
  on('workforce_baseline', 'UPDATE', note('cell', CELL_KEY('OLD')) + note('cell', CELL_KEY('NEW')));
  on('workforce_baseline', 'INSERT', note('plan', '0'));
  on('workforce_baseline', 'DELETE', note('plan', '0'));
  on('workforce_rate', 'INSERT', note('cell', CELL_KEY('NEW')));
  on('workforce_rate', 'UPDATE', note('cell', CELL_KEY('OLD')) + note('cell', CELL_KEY('NEW')));
  on('workforce_rate', 'DELETE', note('cell', CELL_KEY('OLD')));
  // A joiner row or its yearly FTE: that row; a row added or removed reloads its scenario.
  on('other_joiner_fte', 'INSERT', note('joiner', 'NEW.other_joiner_id'));
  on('other_joiner_fte', 'UPDATE', note('joiner', 'OLD.other_joiner_id') + note('joiner', 'NEW.other_joiner_id'));
  on('other_joiner_fte', 'DELETE', note('joiner', 'OLD.other_joiner_id'));
  on('other_joiner', 'UPDATE', note('joiner', 'OLD.id') + note('joiner', 'NEW.id'));
  on('other_joiner', 'INSERT', note('scenario', 'NEW.scenario_id'));
  on('other_joiner', 'DELETE', note('scenario', 'OLD.scenario_id'));
  for (const t of SCENARIO_TABLES) {
    on(t, 'INSERT', note('scenario', 'NEW.scenario_id'));
    on(t, 'UPDATE', note('scenario', 'OLD.scenario_id') + note('scenario', 'NEW.scenario_id'));
    on(t, 'DELETE', note('scenario', 'OLD.scenario_id'));
  }
  for (const t of PLAN_TABLES) for (const op of ['INSERT', 'UPDATE', 'DELETE'] as const) on(t, op, note('plan', '0'));
  db.exec(triggers.join('\n'));
}

function cacheOf(db: Db): Cache | null {
  let cache = caches.get(db);
  if (cache === undefined) {
    try {
      installDirtyTracking(db);
      // Anything written before the triggers existed is in no entry yet: start clean.
      statement(db, 'DELETE FROM temp.projection_dirty').run();
      cache = { entries: new Map(), dataVersion: Number(db.pragma('data_version', { simple: true })) };
    } catch {
      cache = null;
    }
    caches.set(db, cache);
  }
  return cache;
}

function buildEntry(db: Db, scenarioId: number): Entry {
  const inputs = loadScenarioInputs(db, scenarioId) as Entry['inputs'];
  return indexEntry(inputs, projectScenario(inputs));
}

function indexEntry(inputs: Entry['inputs'], projection: Projection): Entry {
  const pipelineAt = new Map<number, number>();
  inputs.pipelines.forEach((p, k) => pipelineAt.set(p.id, k));
  const cellAt = new Map<number, number>();
  projection.cells.forEach((c, i) => cellAt.set(keyOf(c.orgId, c.roleId), i));
  const workforceKeys = new Set<number>();
  const workforceAt = new Map<number, number>();
  inputs.workforce.forEach((w, i) => {
    const k = keyOf(w.orgId, w.roleId);
    workforceKeys.add(k);
    if (!workforceAt.has(k)) workforceAt.set(k, i);
  });
  const joinerAt = new Map<number, number>();
  inputs.otherJoiners.forEach((j, i) => joinerAt.set(j.id, i));
  const extraKeys: number[] = [];
  for (const c of projection.cells) {
    const k = keyOf(c.orgId, c.roleId);
    if (!workforceKeys.has(k)) extraKeys.push(k);
  }
  return { inputs, projection, generation: ++generations, pipelineAt, workforceAt, joinerAt, cellAt, workforceKeys, extraKeys };
}

/** The cells added without a workforce row, as the engine adds them (sorted by organisation, role). */
function extraKeysOf(entry: Entry): number[] {
  const { inputs, workforceKeys } = entry;
  const seen = new Set<number>();
  const want = (orgId: number, roleId: number) => {
    const k = keyOf(orgId, roleId);
    if (!workforceKeys.has(k)) seen.add(k);
  };
  for (const p of inputs.pipelines) want(p.orgId, p.roleId);
  for (const j of inputs.otherJoiners) want(j.orgId, j.roleId);
  for (const d of inputs.demandChanges) want(d.orgId, d.roleId);
  return [...seen].sort((a, b) => a - b);
}

/** Union-find over cell keys: cells joined by a progression route share a root. */
function groups(pipelines: readonly Pipeline[]): (k: number) => number {
  const parent = new Map<number, number>();
  const find = (k: number): number => {
    let r = k;
    for (let p = parent.get(r); p !== undefined && p !== r; p = parent.get(r)) r = p;
    // Path compression.
    let c = k;
    while (c !== r) {
      const next = parent.get(c)!;
      parent.set(c, r);
      c = next;
    }
    return r;
  };
  for (const p of pipelines) {
    if (p.sourceRoleId === null) continue;
    const a = find(keyOf(p.orgId, p.roleId));
    const b = find(keyOf(p.orgId, p.sourceRoleId));
    if (a !== b) parent.set(a, b);
  }
  return find;
}

const CELL_KEYS = [...CELL_SERIES, 'closingByBand'] as const;
const PIPELINE_KEYS = ['starts', 'inTraining', 'completers', 'joinedFte', 'sourceOutFte', 'trainingCost'] as const;

/** What was written since the last projection, row by row. */
interface Changed {
  pipelines: number[];
  /** Cell keys whose baseline or rates changed. */
  cells: number[];
  joiners: number[];
}

const keyable3 = (orgId: number, roleId: number, other: number | null): boolean => keyable(orgId) && keyable(roleId) && (other === null || keyable(other));

/**
 * Brings an entry up to date after changes to some pipelines, cells and joiner rows (none added
 * or removed): re-reads those rows and projects again only the groups of cells they reach,
 * before and after. Returns false when that cannot be done (the change alters which cells or
 * pipelines exist, or touches most of the scenario): the caller projects the scenario in full.
 */
function applyChanges(db: Db, scenarioId: number, entry: Entry, changed: Changed): boolean {
  const { inputs, projection } = entry;
  // Most of the scenario changed (an import, say): projecting it all costs no more.
  const size = inputs.pipelines.length + inputs.workforce.length + inputs.otherJoiners.length;
  if (changed.pipelines.length + changed.cells.length + changed.joiners.length > size / 4) return false;
  const touchedKeys: number[] = [];
  for (const id of changed.pipelines) {
    const k = entry.pipelineAt.get(id);
    const next = pipelineForModel(db, id);
    if (k === undefined) {
      // Not one of this scenario's pipelines, before or after.
      if (next === null || next.scenarioId !== scenarioId) continue;
      return false;
    }
    if (next === null || next.scenarioId !== scenarioId) return false;
    const before = inputs.pipelines[k]!;
    for (const p of [before, next]) {
      if (!keyable3(p.orgId, p.roleId, p.sourceRoleId)) return false;
      touchedKeys.push(keyOf(p.orgId, p.roleId));
      if (p.sourceRoleId !== null) touchedKeys.push(keyOf(p.orgId, p.sourceRoleId));
    }
    const { scenarioId: _owner, ...model } = next;
    inputs.pipelines[k] = model;
  }
  for (const key of changed.cells) {
    const orgId = Math.floor(key / ROLE_BITS);
    const roleId = key - orgId * ROLE_BITS;
    const i = entry.workforceAt.get(key);
    const row = workforceRows(db, scenarioId, { orgId, roleId })[0];
    if (i === undefined) {
      // Rates for a cell the baseline does not have: the engine never reads them.
      if (row === undefined) continue;
      return false;
    }
    if (row === undefined) return false;
    inputs.workforce[i] = row;
    touchedKeys.push(key);
  }
  for (const id of changed.joiners) {
    const i = entry.joinerAt.get(id);
    const next = otherJoiner(db, id);
    if (i === undefined) {
      if (next === undefined || next.scenarioId !== scenarioId) continue;
      return false;
    }
    if (next === undefined || next.scenarioId !== scenarioId) return false;
    const before = inputs.otherJoiners[i]!;
    for (const j of [before, next]) {
      if (!keyable3(j.orgId, j.roleId, null)) return false;
      touchedKeys.push(keyOf(j.orgId, j.roleId));
    }
    const { scenarioId: _owner, ...model } = next;
    inputs.otherJoiners[i] = model;
  }
  if (touchedKeys.length === 0) return true;
  const extras = extraKeysOf(entry);
  if (extras.length !== entry.extraKeys.length || extras.some((k, i) => k !== entry.extraKeys[i])) return false;

  const find = groups(inputs.pipelines);
  const roots = new Set(touchedKeys.map(find));
  const inGroup = (orgId: number, roleId: number): boolean => roots.has(find(keyOf(orgId, roleId)));
  const sub: ScenarioInputs = {
    ...inputs,
    workforce: inputs.workforce.filter((w) => inGroup(w.orgId, w.roleId)),
    pipelines: inputs.pipelines.filter((p) => inGroup(p.orgId, p.roleId)),
    otherJoiners: inputs.otherJoiners.filter((j) => inGroup(j.orgId, j.roleId)),
    demandChanges: inputs.demandChanges.filter((d) => inGroup(d.orgId, d.roleId)),
  };
  const part = projectScenario(sub);
  for (const c of part.cells) {
    const into = projection.cells[entry.cellAt.get(keyOf(c.orgId, c.roleId))!]!;
    for (const key of CELL_KEYS) into[key].set(c[key]);
  }
  for (const p of part.pipelines) {
    const into = projection.pipelines[entry.pipelineAt.get(p.pipelineId)!]!;
    for (const key of PIPELINE_KEYS) into[key].set(p[key]);
  }
  return true;
}

export interface CachedRun {
  inputs: ScenarioInputs;
  projection: Projection;
  refresh: Refresh;
  /** The same number while the projection has not changed; another after any write it reads. */
  generation: number;
}

/**
 * The scenario's inputs and projection, up to date with every write so far. Both are live:
 * valid until the next write to the plan, and never to be changed by the caller.
 */
export function cachedProjection(db: Db, scenarioId: number): CachedRun {
  const cache = cacheOf(db);
  if (!cache) {
    const entry = buildEntry(db, scenarioId);
    return { inputs: entry.inputs, projection: entry.projection, refresh: 'full', generation: entry.generation };
  }
  const version = Number(db.pragma('data_version', { simple: true }));
  if (version !== cache.dataVersion) {
    // Another connection wrote to the plan: nothing cached can be trusted.
    cache.entries.clear();
    cache.dataVersion = version;
  }
  const dirty = statement(db, 'SELECT what, id FROM temp.projection_dirty').all() as {
    what: 'pipeline' | 'cell' | 'joiner' | 'scenario' | 'plan';
    id: number;
  }[];
  const changed: Changed = { pipelines: [], cells: [], joiners: [] };
  if (dirty.length > 0) {
    statement(db, 'DELETE FROM temp.projection_dirty').run();
    for (const d of dirty) {
      if (d.what === 'plan') cache.entries.clear();
      else if (d.what === 'scenario') cache.entries.delete(d.id);
      else if (d.what === 'pipeline') changed.pipelines.push(d.id);
      else if (d.what === 'cell') changed.cells.push(d.id);
      else changed.joiners.push(d.id);
    }
  }
  let refresh: Refresh = 'cached';
  if (dirty.length > 0) {
    for (const [id, entry] of [...cache.entries]) {
      if (!applyChanges(db, id, entry, changed)) cache.entries.delete(id);
      else {
        entry.generation = ++generations;
        if (id === scenarioId) refresh = 'incremental';
      }
    }
  }
  let entry = cache.entries.get(scenarioId);
  if (!entry) {
    entry = buildEntry(db, scenarioId);
    cache.entries.set(scenarioId, entry);
    refresh = 'full';
  }
  return { inputs: entry.inputs, projection: entry.projection, refresh, generation: entry.generation };
}

/** Forgets everything cached for this connection (the next projection loads and projects in full). */
export function dropProjectionCache(db: Db): void {
  caches.get(db)?.entries.clear();
}
