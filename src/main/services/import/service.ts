/**
 * Imports, main side: a loaded file lives in its worker under an opaque token; analysing
 * proposes a mapping (or reuses one saved for the same layout); validating runs the mapping in
 * the worker and maps the file's organisations, roles and staff groups onto the plan's,
 * listing every problem and previewing every change; committing writes it all as ONE
 * recorded change with its history row, and refuses while any error stands. Undo of an import
 * applies its before-images as a new change, unless a later change touched the same rows.
 */
import crypto from 'node:crypto';
import type {
  ColumnMap,
  ImportHistoryRow,
  ImportMapping,
  ImportProblem,
  ImportReport,
  ImportTarget,
  PreviewRow,
  SavedMappingRow,
  SheetAnalysis,
  SheetSummary,
  ValueChoice,
  ValueMappings,
} from '../../../shared/api/channels/import';
import { AppError } from '../../../shared/api/errors';
import { formatFte, yearLabel } from '../../../shared/format';
import { AGE_BAND_COUNT } from '../../../shared/model/types';
import type { Db } from '../../db/connection';
import { currentUser, recordChange } from '../../db/changes';
import { getPlanSettings } from '../../db/repos/meta';
import { setIntake } from '../../db/repos/pipelines';
import { STAFF_GROUP_TO_ROLES } from '../demo/model-inputs';
import { createDemandChange, createJoiner, setJoinerFte } from '../inputs';
import { requireScenario } from '../scenarios';
import { setOwn } from '../../../shared/own';
import type { Analysis } from './engine';
import { normaliseHeader } from './headers';
import { LIMITS, cellText, columnLetter } from './limits';
import type { RowsOutput } from './rows';
import { ImportWorker, type WorkerOptions } from './worker-client';

export interface Progress {
  progress(fraction: number | null, message: string): void;
  readonly signal?: AbortSignal | undefined;
}

const NO_PROGRESS: Progress = { progress: () => undefined };

/** One file being imported: its bytes are in the worker, never on a path the window gave. */
export interface LoadedImport {
  token: string;
  fileName: string;
  size: number;
  sha256: string;
  sheets: SheetSummary[];
  worker: ImportWorker;
  analysis: Analysis | null;
}

/** The files loaded in this process, by token. */
export class ImportSessions {
  private readonly byToken = new Map<string, LoadedImport>();

  constructor(private readonly workerOptions: WorkerOptions = {}) {}

  async load(bytes: Uint8Array, fileName: string, p: Progress = NO_PROGRESS): Promise<LoadedImport> {
    const name = fileName.replace(/^.*[\\/]/, '');
    p.progress(0.05, `Reading ${name}…`);
    const worker = new ImportWorker(name, this.workerOptions);
    try {
      const copy = new Uint8Array(bytes);
      const reading = worker.request<SheetSummary[]>({ type: 'load', bytes: copy, fileName: name }, { signal: p.signal, transfer: [copy.buffer] });
      // The hash for the import history is worked out here while the worker parses.
      const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
      const sheets = await reading;
      // Only a few files stay open: the oldest is closed when a sixth is loaded.
      if (this.byToken.size >= 5) {
        const oldest = this.byToken.keys().next().value;
        if (oldest !== undefined) await this.discard(oldest);
      }
      const token = crypto.randomBytes(16).toString('hex');
      const loaded: LoadedImport = { token, fileName: name, size: bytes.byteLength, sha256, sheets, worker, analysis: null };
      this.byToken.set(token, loaded);
      return loaded;
    } catch (err) {
      await worker.terminate();
      throw err;
    }
  }

  get(token: string): LoadedImport {
    const l = this.byToken.get(token);
    if (!l) throw new AppError('NOT_FOUND', 'That file is no longer open for import (it was closed or the app restarted). Choose it again.');
    if (!l.worker.alive) {
      this.byToken.delete(token);
      throw new AppError('NOT_FOUND', `"${l.fileName}" is no longer open for import (its reader was stopped). Choose it again.`);
    }
    return l;
  }

  async discard(token: string): Promise<boolean> {
    const l = this.byToken.get(token);
    if (!l) return false;
    this.byToken.delete(token);
    await l.worker.terminate();
    return true;
  }

  async closeAll(): Promise<void> {
    for (const t of [...this.byToken.keys()]) await this.discard(t);
  }
}

// ---------------------------------------------------------------- reference data

interface PlanRef {
  orgs: { id: number; code: string; name: string }[];
  roles: { id: number; code: string; name: string; staff_group: string }[];
  pipelines: { id: number; name: string }[];
}

function planRef(db: Db, scenarioId: number | null): PlanRef {
  return {
    orgs: db.prepare('SELECT id, code, name FROM organisation ORDER BY sort, id').all() as PlanRef['orgs'],
    roles: db.prepare('SELECT id, code, name, staff_group FROM role ORDER BY sort, id').all() as PlanRef['roles'],
    pipelines: scenarioId === null ? [] : (db.prepare('SELECT id, name FROM pipeline WHERE scenario_id = ? ORDER BY sort, id').all(scenarioId) as PlanRef['pipelines']),
  };
}

const norm = (s: string) => s.toLowerCase().replace(/[\s_\-.,'’&()]+/g, '').replace(/^the/, '');

/** Staff group names the importer knows: the plan's ESR groups and the NHS Digital groups of the demo's mapping. */
function knownStaffGroups(ref: PlanRef): string[] {
  return [...new Set([...ref.roles.map((r) => r.staff_group), ...Object.keys(STAFF_GROUP_TO_ROLES)])];
}

function signatureOf(headers: string[]): string {
  return crypto.createHash('sha256').update(headers.map(normaliseHeader).join('|')).digest('hex');
}

// ---------------------------------------------------------------- analyse

/**
 * Value mappings are keyed by the file's own text, which may be "__proto__" or "constructor":
 * they are kept in objects without a prototype, so every key is an ordinary own property.
 */
function ownRecord<T>(from: Record<string, T> = {}): Record<string, T> {
  return Object.assign(Object.create(null) as Record<string, T>, from);
}

function emptyValues(): ValueMappings {
  return { org: ownRecord(), role: ownRecord(), staffGroup: ownRecord(), pipeline: ownRecord() };
}

interface SavedMappingDbRow {
  id: number;
  name: string;
  signature: string;
  target: ImportTarget;
  mapping: string;
  updated_at: string;
}

function savedFor(db: Db, signature: string, target: ImportTarget, name?: string): SavedMappingDbRow | undefined {
  if (name) {
    const row = db.prepare('SELECT * FROM import_mapping WHERE name = ?').get(name) as SavedMappingDbRow | undefined;
    if (!row) throw new AppError('NOT_FOUND', `There is no saved mapping called "${name}". Saved mappings: ${listMappings(db).map((m) => `"${m.name}"`).join(', ') || 'none'}.`);
    return row;
  }
  return db.prepare('SELECT * FROM import_mapping WHERE signature = ? AND target = ? ORDER BY updated_at DESC LIMIT 1').get(signature, target) as SavedMappingDbRow | undefined;
}

export async function analyseImport(
  db: Db,
  loaded: LoadedImport,
  target: ImportTarget,
  options: { sheet?: string | undefined; headerRow?: number | undefined; mappingName?: string | undefined } = {},
  p: Progress = NO_PROGRESS,
): Promise<SheetAnalysis> {
  const ref = planRef(db, null);
  const sheet = options.sheet ?? pickSheet(loaded.sheets);
  if (!loaded.sheets.some((s) => s.name === sheet)) {
    throw new AppError('VALIDATION', `"${loaded.fileName}" has no sheet called "${sheet}". Its sheets are: ${loaded.sheets.map((s) => `"${s.name}"`).join(', ')}.`);
  }
  p.progress(0.5, `Finding the headings in ${sheet}…`);
  const a = await loaded.worker.request<Analysis>({ type: 'analyse', sheet, headerRow: options.headerRow, staffGroups: knownStaffGroups(ref) }, { signal: p.signal });
  loaded.analysis = a;
  const signature = signatureOf(a.headers);
  const saved = savedFor(db, signature, target, options.mappingName);
  let proposed: ImportMapping = {
    target,
    sheet,
    headerRow: a.headerRow,
    columns: a.columns.map((c) => ({ index: c.index, field: c.field, ...(c.year !== undefined ? { year: c.year } : {}), ...(c.staffGroup !== undefined ? { staffGroup: c.staffGroup } : {}) })),
    values: emptyValues(),
    options: {},
  };
  if (saved) {
    const m = JSON.parse(saved.mapping) as ImportMapping;
    proposed = { ...m, target, sheet, headerRow: options.headerRow ?? m.headerRow };
  }
  const personLevel = proposed.options.personLevel ?? proposed.columns.some((c) => c.field === 'personal' || c.field === 'date_of_birth');
  return {
    token: loaded.token,
    fileName: loaded.fileName,
    sheet,
    sheets: loaded.sheets,
    headerRow: a.headerRow,
    headerRows: a.headerRows,
    columns: a.columns.map((c) => ({ ...c, ...(proposed.columns.find((x) => x.index === c.index) ?? { field: 'ignore' }) })),
    sample: a.sample,
    dataRows: a.dataRows,
    personLevel,
    signature,
    savedMapping: saved?.name ?? null,
    proposed,
  };
}

/** The sheet most likely to hold the data: the one with the most cells. */
function pickSheet(sheets: SheetSummary[]): string {
  let best = sheets[0]!;
  for (const s of sheets) if (s.rows * Math.max(1, s.columns) > best.rows * Math.max(1, best.columns)) best = s;
  return best.name;
}

// ---------------------------------------------------------------- validate

type Key = string;

interface BaselineCell {
  orgId: number;
  roleId: number;
  fte: number;
  headcount: number;
  establishment: number;
  hasHeadcount: boolean;
  hasEstablishment: boolean;
  ageFte: number[];
}

interface CommitPlan {
  target: ImportTarget;
  baseline: Map<Key, BaselineCell>;
  /** pipelineId|year → heads; joiner kind|org|role|year → fte; demand org|role|year → delta. */
  yearly: Map<Key, { pipelineId?: number; kind?: string; orgId?: number; roleId?: number; year: number; value: number }>;
}

const JOINER_KINDS: [RegExp, 'international' | 'return-to-practice' | 'labour-market'][] = [
  [/international|overseas|\bir\b/i, 'international'],
  [/return|rtp/i, 'return-to-practice'],
  [/labour|domestic|market|local|other/i, 'labour-market'],
];

function proposeValues(ref: PlanRef, out: RowsOutput, values: ValueMappings, hasRoleColumn: boolean): { values: ValueMappings; choices: ValueChoice[] } {
  const v: ValueMappings = { org: ownRecord(values.org), role: ownRecord(values.role), staffGroup: ownRecord(values.staffGroup), pipeline: ownRecord(values.pipeline) };
  const choices: ValueChoice[] = [];
  const roleByCode = new Map(ref.roles.map((r) => [r.code.toLowerCase(), r.id]));
  for (const s of out.distinct.org) {
    let by = 'saved';
    if (!(s.value in v.org)) {
      const o = ref.orgs.find((x) => x.code.toLowerCase() === s.value.toLowerCase()) ?? ref.orgs.find((x) => norm(x.name) === norm(s.value));
      by = o ? (o.code.toLowerCase() === s.value.toLowerCase() ? 'code' : 'name') : 'not in the plan';
      v.org[s.value] = o ? o.id : null;
    }
    choices.push({ kind: 'org', value: s.value, rows: s.rows, firstRow: s.firstRow, proposedBy: by });
  }
  for (const s of out.distinct.role) {
    let by = 'saved';
    if (!(s.value in v.role)) {
      const r = ref.roles.find((x) => x.code.toLowerCase() === s.value.toLowerCase()) ?? ref.roles.find((x) => norm(x.name) === norm(s.value));
      by = r ? (r.code.toLowerCase() === s.value.toLowerCase() ? 'code' : 'name') : '';
      if (r) v.role[s.value] = r.id;
    }
    choices.push({ kind: 'role', value: s.value, rows: s.rows, firstRow: s.firstRow, proposedBy: by });
  }
  if (!hasRoleColumn) {
    for (const s of out.distinct.staffGroup) {
      let by = 'saved';
      if (!(s.value in v.staffGroup)) {
        by = '';
        const demo = Object.entries(STAFF_GROUP_TO_ROLES).find(([g]) => norm(g) === norm(s.value));
        const inGroup = ref.roles.filter((r) => norm(r.staff_group) === norm(s.value));
        if (demo) {
          const mapped = demo[1].map(([code, share]) => ({ roleId: roleByCode.get(code.toLowerCase()) ?? 0, share })).filter((x) => x.roleId > 0);
          if (mapped.length > 0) {
            v.staffGroup[s.value] = mapped;
            by = 'demo mapping';
          }
        } else if (inGroup.length === 1) {
          v.staffGroup[s.value] = [{ roleId: inGroup[0]!.id, share: 1 }];
          by = 'staff group';
        } else if (/^(unknown|not known|not stated|other)$/i.test(s.value.trim())) {
          v.staffGroup[s.value] = null;
          by = 'skipped';
        }
      }
      choices.push({ kind: 'staffGroup', value: s.value, rows: s.rows, firstRow: s.firstRow, proposedBy: by });
    }
  }
  for (const s of out.distinct.pipeline) {
    let by = 'saved';
    if (!(s.value in v.pipeline)) {
      const pl = ref.pipelines.find((x) => norm(x.name) === norm(s.value));
      by = pl ? 'name' : '';
      if (pl) v.pipeline[s.value] = pl.id;
    }
    choices.push({ kind: 'pipeline', value: s.value, rows: s.rows, firstRow: s.firstRow, proposedBy: by });
  }
  return { values: v, choices };
}

function requiredFields(target: ImportTarget, columns: ColumnMap[]): string[] {
  const has = (f: ColumnMap['field']) => columns.some((c) => c.field === f);
  const missing: string[] = [];
  const wide = columns.some((c) => c.field === 'value' && (c.year !== undefined || c.staffGroup !== undefined));
  if (target !== 'intakes' && !has('org_code') && !has('org_name')) missing.push('an organisation column (code or name)');
  if (target !== 'intakes' && !has('job_role') && !has('staff_group') && !columns.some((c) => c.staffGroup !== undefined)) missing.push('a role or staff group column');
  if (target === 'intakes' && !has('pipeline')) missing.push('a pipeline column');
  if (target === 'baseline' && !wide && !has('fte') && !has('value') && !has('hours') && !has('headcount')) missing.push('an FTE column (or hours, or a value with a measure column)');
  if (target !== 'baseline' && !wide && !has('value') && !has('fte')) missing.push('a value column, or a column per year');
  if (target !== 'baseline' && !has('year') && !columns.some((c) => c.year !== undefined)) missing.push('a year column, or a column per year');
  return missing;
}

export interface Validation {
  report: ImportReport;
  plan: CommitPlan;
}

export async function validateImport(db: Db, loaded: LoadedImport, scenarioId: number, mapping: ImportMapping, p: Progress = NO_PROGRESS): Promise<Validation> {
  requireScenario(db, scenarioId);
  const ref = planRef(db, scenarioId);
  if (!loaded.analysis || loaded.analysis.sheet !== mapping.sheet || loaded.analysis.headerRow !== mapping.headerRow) {
    await analyseImport(db, loaded, mapping.target, { sheet: mapping.sheet, headerRow: mapping.headerRow }, p);
  }
  const analysis = loaded.analysis!;
  const problems: ImportProblem[] = [];
  let errors = 0;
  let warnings = 0;
  const add = (severity: 'error' | 'warning', row: number | null, col: number | null, message: string) => {
    if (severity === 'error') errors++;
    else warnings++;
    if (problems.length < LIMITS.problemsListed) {
      problems.push({ severity, file: loaded.fileName, sheet: mapping.sheet, row, column: col === null ? null : `${columnLetter(col)}${analysis.headers[col] ? ` (${cellText(analysis.headers[col])})` : ''}`, message });
    }
  };
  for (const c of mapping.columns) {
    if (c.index >= analysis.headers.length) throw new AppError('VALIDATION', `Column ${columnLetter(c.index)} is past the last column of sheet "${mapping.sheet}".`);
  }
  const missing = requiredFields(mapping.target, mapping.columns);
  for (const m of missing) add('error', null, null, `The mapping has no ${m}: choose one on the Columns step.`);

  let out: RowsOutput = {
    rowsRead: 0,
    rowsUsed: 0,
    skipped: { blank: 0, subtotal: 0, filtered: 0 },
    problems: [],
    errors: 0,
    warnings: 0,
    groups: [],
    distinct: { org: [], staffGroup: [], role: [], pipeline: [], period: [], measure: [], kind: [] },
  };
  if (missing.length === 0) {
    p.progress(0.1, `Checking ${loaded.fileName}…`);
    out = await loaded.worker.request<RowsOutput>(
      { type: 'run', mapping, headers: analysis.headers },
      { signal: p.signal, onProgress: (f) => p.progress(0.1 + f * 0.8, `Checking ${loaded.fileName}: ${Math.round(f * 100)} %`) },
    );
  }
  // The worker's problems first (row by row), then the plan-level ones.
  for (const pr of out.problems) problems.push(pr);
  errors += out.errors;
  warnings += out.warnings;

  const periods = out.distinct.period.map((s) => s.value).sort();
  if (periods.length > 1 && !mapping.options.period) {
    const col = mapping.columns.find((c) => c.field === 'period')?.index ?? null;
    add('error', null, col, `The file holds figures for ${periods.length} periods (${periods.slice(0, 6).join(', ')}${periods.length > 6 ? ', …' : ''}): choose the one to import.`);
  }
  const hasRoleColumn = mapping.columns.some((c) => c.field === 'job_role');
  const { values, choices } = proposeValues(ref, out, mapping.values, hasRoleColumn);
  const colOf = (f: ColumnMap['field']) => mapping.columns.find((c) => c.field === f)?.index ?? null;
  const orgCol = colOf('org_code') ?? colOf('org_name');

  // Unmapped values: one problem per distinct value, at the first row it appears in.
  for (const c of choices) {
    if (c.kind === 'role' && values.role[c.value] === undefined) {
      add('error', c.firstRow, colOf('job_role'), `Role '${cellText(c.value)}' is not in the plan: map it or add it (${c.rows.toLocaleString('en-GB')} row${c.rows === 1 ? '' : 's'}).`);
    }
    if (c.kind === 'staffGroup' && !hasRoleColumn && values.staffGroup[c.value] === undefined) {
      add('error', c.firstRow, colOf('staff_group'), `Staff group '${cellText(c.value)}' is not mapped to any role in the plan: map it or skip it (${c.rows.toLocaleString('en-GB')} row${c.rows === 1 ? '' : 's'}).`);
    }
    if (c.kind === 'staffGroup' && values.staffGroup[c.value] === null) {
      add('warning', c.firstRow, colOf('staff_group'), `Staff group '${cellText(c.value)}' is skipped: its ${c.rows.toLocaleString('en-GB')} row${c.rows === 1 ? ' is' : 's are'} not imported.`);
    }
    if (c.kind === 'pipeline' && values.pipeline[c.value] === undefined) {
      add('error', c.firstRow, colOf('pipeline'), `Pipeline '${cellText(c.value)}' is not in this scenario: map it or add it on the Pipelines page.`);
    }
  }
  if (hasRoleColumn) {
    const known = new Set(knownStaffGroups(ref).map(norm));
    for (const s of out.distinct.staffGroup) {
      if (!known.has(norm(s.value))) add('warning', s.firstRow, colOf('staff_group'), `Staff group '${cellText(s.value)}' is not one the plan knows: check it (rows are imported by role).`);
    }
  }
  const skippedOrgs = choices.filter((c) => c.kind === 'org' && values.org[c.value] === null);
  if (skippedOrgs.length > 0) {
    const rows = skippedOrgs.reduce((a, c) => a + c.rows, 0);
    add(
      'warning',
      skippedOrgs[0]!.firstRow,
      orgCol,
      `${skippedOrgs.length.toLocaleString('en-GB')} organisation${skippedOrgs.length === 1 ? ' is' : 's are'} not in the plan (${skippedOrgs
        .slice(0, 4)
        .map((c) => `'${cellText(c.value)}'`)
        .join(', ')}${skippedOrgs.length > 4 ? ', …' : ''}): ${rows.toLocaleString('en-GB')} rows are skipped. Map them on the Values step to include them.`,
    );
  }

  // Groups → plan cells.
  const plan: CommitPlan = { target: mapping.target, baseline: new Map(), yearly: new Map() };
  const { baseYear, horizonYear } = getPlanSettings(db);
  let unmapped = 0;
  const totals = new Map<string, { org: string; staffGroup: string; value: number }>();
  const badYears = new Set<number>();
  const badKinds = new Map<string, number>();
  for (const g of out.groups) {
    const orgId = g.org === '' ? undefined : values.org[g.org];
    const amount = mapping.target === 'baseline' ? g.fte : g.value;
    if (mapping.target !== 'intakes') {
      if (orgId === null || orgId === undefined) {
        unmapped += g.rows;
        continue;
      }
    }
    const orgCode = ref.orgs.find((o) => o.id === orgId)?.code ?? g.org;
    const tk = `${orgCode}\u0000${g.staffGroup}`;
    const t = totals.get(tk) ?? { org: orgCode, staffGroup: g.staffGroup, value: 0 };
    let roles: { roleId: number; share: number }[] | null | undefined;
    if (mapping.target === 'intakes') roles = [{ roleId: 0, share: 1 }];
    else if (hasRoleColumn) {
      const r = values.role[g.role];
      roles = r === undefined ? undefined : r === null ? null : [{ roleId: r, share: 1 }];
    } else roles = values.staffGroup[g.staffGroup];
    if (roles === undefined || roles === null) {
      unmapped += g.rows;
      continue;
    }
    t.value += amount;
    totals.set(tk, t);
    if (mapping.target !== 'baseline') {
      if (g.year === null) continue;
      if (g.year < baseYear - 10 || g.year > horizonYear) {
        badYears.add(g.year);
        continue;
      }
    }
    if (mapping.target === 'intakes') {
      const pipelineId = values.pipeline[g.pipeline];
      if (pipelineId === undefined || pipelineId === null) {
        unmapped += g.rows;
        continue;
      }
      const k = `${pipelineId}|${g.year}`;
      const cur = plan.yearly.get(k) ?? { pipelineId, year: g.year!, value: 0 };
      cur.value += g.value;
      plan.yearly.set(k, cur);
      continue;
    }
    let kind = '';
    if (mapping.target === 'joiners') {
      kind = JOINER_KINDS.find(([re]) => re.test(g.kind))?.[1] ?? '';
      if (!kind) {
        badKinds.set(g.kind, g.firstRow);
        continue;
      }
    }
    for (const { roleId, share } of roles) {
      if (mapping.target === 'baseline') {
        const k = `${orgId}|${roleId}`;
        const cell = plan.baseline.get(k) ?? { orgId: orgId!, roleId, fte: 0, headcount: 0, establishment: 0, hasHeadcount: false, hasEstablishment: false, ageFte: new Array<number>(AGE_BAND_COUNT).fill(0) };
        cell.fte += g.fte * share;
        cell.headcount += g.headcount * share;
        cell.establishment += g.establishment * share;
        cell.hasHeadcount ||= g.hasHeadcount;
        cell.hasEstablishment ||= g.hasEstablishment;
        for (let b = 0; b < AGE_BAND_COUNT; b++) cell.ageFte[b]! += g.ageFte[b]! * share;
        plan.baseline.set(k, cell);
      } else {
        const k = `${kind}|${orgId}|${roleId}|${g.year}`;
        const cur = plan.yearly.get(k) ?? { kind, orgId: orgId!, roleId, year: g.year!, value: 0 };
        cur.value += g.value * share;
        plan.yearly.set(k, cur);
      }
    }
  }
  for (const y of badYears) add('error', null, colOf('year'), `${yearLabel(y)} is outside the plan (${yearLabel(baseYear)} to ${yearLabel(horizonYear)}): change the year or the plan's horizon.`);
  for (const [k, row] of badKinds) add('error', row, colOf('joiner_kind'), `'${k ? cellText(k) : '(blank)'}' is not a kind of joiner: use international, return to practice or labour market.`);
  if (mapping.target === 'joiners' || mapping.target === 'intakes') {
    for (const [, y] of plan.yearly) if (y.value < 0) add('error', null, null, `The total for ${yearLabel(y.year)} is negative (${formatFte(y.value)}): intakes and joiners cannot be negative.`);
  }
  if (out.rowsUsed === 0 && missing.length === 0) add('error', null, null, `No rows with figures were found under the header row (row ${mapping.headerRow}): check the header row and the column mapping.`);

  const preview = buildPreview(db, ref, scenarioId, plan);
  const counts = { added: 0, replaced: 0, unchanged: 0 };
  for (const r of preview) counts[r.status]++;
  if (preview.length === 0 && errors === 0) add('error', null, null, 'Nothing in the file maps onto the plan: map its organisations and roles on the Values step.');

  const report: ImportReport = {
    token: loaded.token,
    fileName: loaded.fileName,
    target: mapping.target,
    rowsRead: out.rowsRead,
    rowsUsed: out.rowsUsed,
    rowsSkipped: { ...out.skipped, unmapped },
    periods,
    errors,
    warnings,
    problems: [...problems.filter((x) => x.severity === 'error'), ...problems.filter((x) => x.severity === 'warning')],
    values: choices,
    mapping: { ...mapping, values },
    preview,
    counts,
    totalsBySource: [...totals.values()].sort((a, b) => a.org.localeCompare(b.org) || a.staffGroup.localeCompare(b.staffGroup)),
    canCommit: errors === 0 && preview.some((r) => r.status !== 'unchanged'),
  };
  p.progress(1, 'Checked');
  return { report, plan };
}

const same = (a: number, b: number) => Math.abs(a - b) < 1e-9;

function ageProfileOf(cell: BaselineCell): number[] | null {
  const total = cell.ageFte.reduce((a, b) => a + b, 0);
  return total > 0 ? cell.ageFte.map((x) => x / total) : null;
}

function buildPreview(db: Db, ref: PlanRef, scenarioId: number, plan: CommitPlan): PreviewRow[] {
  const orgName = new Map(ref.orgs.map((o) => [o.id, o.name]));
  const roleName = new Map(ref.roles.map((r) => [r.id, r.name]));
  const rows: PreviewRow[] = [];
  if (plan.target === 'baseline') {
    const get = db.prepare('SELECT fte, headcount, establishment, age_profile FROM workforce_baseline WHERE org_id = ? AND role_id = ?');
    for (const c of plan.baseline.values()) {
      const b = get.get(c.orgId, c.roleId) as { fte: number; headcount: number; establishment: number; age_profile: string } | undefined;
      const after = `FTE ${formatFte(c.fte)}${c.hasHeadcount ? `, headcount ${formatFte(c.headcount)}` : ''}${c.hasEstablishment ? `, establishment ${formatFte(c.establishment)}` : ''}${ageProfileOf(c) ? ', age profile' : ''}`;
      let status: PreviewRow['status'] = 'added';
      if (b) {
        const age = ageProfileOf(c);
        const ageSame = !age || JSON.stringify(age.map((x) => Math.round(x * 1e9))) === JSON.stringify((JSON.parse(b.age_profile) as number[]).map((x) => Math.round(x * 1e9)));
        status = same(b.fte, c.fte) && (!c.hasHeadcount || same(b.headcount, c.headcount)) && (!c.hasEstablishment || same(b.establishment, c.establishment)) && ageSame ? 'unchanged' : 'replaced';
      }
      rows.push({
        label: `${roleName.get(c.roleId)} at ${orgName.get(c.orgId)}`,
        org: orgName.get(c.orgId) ?? '',
        role: roleName.get(c.roleId) ?? '',
        year: null,
        status,
        before: b ? `FTE ${formatFte(b.fte)}, headcount ${formatFte(b.headcount)}` : '—',
        after,
      });
    }
    return rows;
  }
  for (const y of plan.yearly.values()) {
    let before: number | null;
    let label: string;
    let org: string;
    let role: string;
    if (plan.target === 'intakes') {
      const pl = ref.pipelines.find((x) => x.id === y.pipelineId);
      const r = db.prepare('SELECT heads FROM pipeline_intake WHERE pipeline_id = ? AND year = ?').get(y.pipelineId, y.year) as { heads: number } | undefined;
      before = r?.heads ?? null;
      label = `${pl?.name ?? ''} ${yearLabel(y.year)}`;
      const info = db.prepare('SELECT o.name AS org, r.name AS role FROM pipeline p JOIN organisation o ON o.id = p.org_id JOIN role r ON r.id = p.role_id WHERE p.id = ?').get(y.pipelineId) as { org: string; role: string } | undefined;
      org = info?.org ?? '';
      role = info?.role ?? '';
    } else if (plan.target === 'joiners') {
      const r = db
        .prepare('SELECT f.fte FROM other_joiner j JOIN other_joiner_fte f ON f.other_joiner_id = j.id WHERE j.scenario_id = ? AND j.kind = ? AND j.org_id = ? AND j.role_id = ? AND f.year = ?')
        .get(scenarioId, y.kind, y.orgId, y.roleId, y.year) as { fte: number } | undefined;
      before = r?.fte ?? null;
      org = orgName.get(y.orgId!) ?? '';
      role = roleName.get(y.roleId!) ?? '';
      label = `${y.kind!.replace(/-/g, ' ')} joiners: ${role} at ${org} ${yearLabel(y.year)}`;
    } else {
      const r = db
        .prepare('SELECT count(*) AS n, sum(delta_fte) AS d FROM demand_change WHERE scenario_id = ? AND org_id = ? AND role_id = ? AND year = ?')
        .get(scenarioId, y.orgId, y.roleId, y.year) as { n: number; d: number | null };
      before = r.n > 0 ? (r.d ?? 0) : null;
      org = orgName.get(y.orgId!) ?? '';
      role = roleName.get(y.roleId!) ?? '';
      label = `Demand change: ${role} at ${org} from ${yearLabel(y.year)}`;
    }
    rows.push({
      label,
      org,
      role,
      year: y.year,
      status: before === null ? 'added' : same(before, y.value) ? 'unchanged' : 'replaced',
      before: before === null ? '—' : formatFte(before),
      after: formatFte(y.value),
    });
  }
  return rows;
}

// ---------------------------------------------------------------- commit

interface HistoryDbRow {
  id: number;
  at: string;
  user: string;
  file_name: string;
  sha256: string;
  size: number;
  target: ImportTarget;
  scenario_id: number | null;
  rows_read: number;
  added: number;
  replaced: number;
  change_id: number | null;
  undo_change_id: number | null;
  change_state: string | null;
  undo_state: string | null;
}

const HISTORY_SQL = `SELECT h.*, c.state AS change_state, u.state AS undo_state FROM import_history h
  LEFT JOIN change_set c ON c.id = h.change_id LEFT JOIN change_set u ON u.id = h.undo_change_id`;

function historyRow(r: HistoryDbRow): ImportHistoryRow {
  const undone = r.change_state === 'undone' || (r.undo_change_id !== null && r.undo_state === 'active');
  return {
    id: r.id,
    at: r.at,
    user: r.user,
    fileName: r.file_name,
    sha256: r.sha256,
    size: r.size,
    target: r.target,
    scenarioId: r.scenario_id,
    rowsRead: r.rows_read,
    added: r.added,
    replaced: r.replaced,
    changeId: r.change_id,
    state: undone ? 'undone' : 'active',
  };
}

export function listImportHistory(db: Db): ImportHistoryRow[] {
  return (db.prepare(`${HISTORY_SQL} ORDER BY h.id DESC`).all() as HistoryDbRow[]).map(historyRow);
}

function getHistory(db: Db, importId: number): ImportHistoryRow {
  const r = db.prepare(`${HISTORY_SQL} WHERE h.id = ?`).get(importId) as HistoryDbRow | undefined;
  if (!r) throw new AppError('NOT_FOUND', `Import ${importId} is not in this plan's import history.`);
  return historyRow(r);
}

export function listMappings(db: Db): SavedMappingRow[] {
  return (db.prepare('SELECT id, name, signature, target, updated_at FROM import_mapping ORDER BY name').all() as SavedMappingDbRow[]).map((r) => ({
    id: r.id,
    name: r.name,
    signature: r.signature,
    target: r.target,
    updatedAt: r.updated_at,
  }));
}

/**
 * What a saved mapping keeps: the columns, the options and only the values mapped onto the
 * plan. Values left unmapped or skipped are not kept: they are whatever the file held in a key
 * column, and a shifted row can put a person's name or NI number there.
 */
function mappingToKeep(mapping: ImportMapping): ImportMapping {
  const mapped = <T>(record: Record<string, T | null>): Record<string, T | null> => {
    const out = ownRecord<T | null>();
    for (const [k, v] of Object.entries(record)) if (v !== null && v !== undefined) setOwn(out, k, v);
    return out;
  };
  return { ...mapping, values: { org: mapped(mapping.values.org), role: mapped(mapping.values.role), staffGroup: mapped(mapping.values.staffGroup), pipeline: mapped(mapping.values.pipeline) } };
}

export function saveMapping(db: Db, name: string, signature: string, mapping: ImportMapping): void {
  mapping = mappingToKeep(mapping);
  db.prepare(
    `INSERT INTO import_mapping (name, signature, target, mapping, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (name) DO UPDATE SET signature = excluded.signature, target = excluded.target, mapping = excluded.mapping, updated_at = excluded.updated_at`,
  ).run(name, signature, mapping.target, JSON.stringify(mapping), new Date().toISOString());
}

const TARGET_WORDS: Record<ImportTarget, string> = { baseline: 'baseline', intakes: 'intakes', joiners: 'other joiners', demand: 'demand changes' };

/**
 * Validates again against the plan as it is now, then writes everything as one recorded
 * change with its history row. Throws VALIDATION (writing nothing) while any error stands.
 */
export async function commitImport(
  db: Db,
  loaded: LoadedImport,
  scenarioId: number,
  mapping: ImportMapping,
  options: { saveMappingAs?: string | undefined } = {},
  p: Progress = NO_PROGRESS,
): Promise<{ history: ImportHistoryRow; report: ImportReport }> {
  const { report, plan } = await validateImport(db, loaded, scenarioId, mapping, p);
  if (report.errors > 0) {
    const first = report.problems.find((x) => x.severity === 'error');
    throw new AppError(
      'VALIDATION',
      `"${loaded.fileName}" was not imported: ${report.errors.toLocaleString('en-GB')} error${report.errors === 1 ? '' : 's'} to fix first${first ? ` (${first.row !== null ? `row ${first.row}` : 'file'}${first.column ? `, column ${first.column}` : ''}: ${first.message})` : ''}. Nothing was changed.`,
    );
  }
  p.signal?.throwIfAborted?.();
  p.progress(0.95, 'Writing the import…');
  const summary = `Imported ${TARGET_WORDS[mapping.target]} from ${loaded.fileName}: ${report.counts.added} added, ${report.counts.replaced} replaced`;
  const historyId = recordChange(db, { source: `import of ${loaded.fileName}`, summary, scenarioId }, () => {
    writePlan(db, scenarioId, plan);
    const changeId = (db.prepare('SELECT change_id FROM temp.change_ctx').get() as { change_id: number } | undefined)?.change_id ?? null;
    const info = db
      .prepare(
        `INSERT INTO import_history (at, user, file_name, sha256, size, target, scenario_id, sheet, rows_read, rows_used, added, replaced, unchanged, warnings, change_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        new Date().toISOString(),
        currentUser(),
        loaded.fileName,
        loaded.sha256,
        loaded.size,
        mapping.target,
        scenarioId,
        mapping.sheet,
        report.rowsRead,
        report.rowsUsed,
        report.counts.added,
        report.counts.replaced,
        report.counts.unchanged,
        report.warnings,
        changeId,
      );
    if (options.saveMappingAs) saveMapping(db, options.saveMappingAs, signatureOf(loaded.analysis!.headers), report.mapping);
    return Number(info.lastInsertRowid);
  });
  // A change that wrote nothing leaves no change set: the history row must not point at it.
  db.prepare('UPDATE import_history SET change_id = NULL WHERE id = ? AND change_id NOT IN (SELECT id FROM change_set)').run(historyId);
  return { history: getHistory(db, historyId), report };
}

function writePlan(db: Db, scenarioId: number, plan: CommitPlan): void {
  if (plan.target === 'baseline') {
    const get = db.prepare('SELECT id FROM workforce_baseline WHERE org_id = ? AND role_id = ?');
    const insert = db.prepare('INSERT INTO workforce_baseline (org_id, role_id, fte, headcount, establishment, age_profile) VALUES (?, ?, ?, ?, ?, ?)');
    for (const c of plan.baseline.values()) {
      const age = ageProfileOf(c);
      const row = get.get(c.orgId, c.roleId) as { id: number } | undefined;
      if (!row) {
        insert.run(c.orgId, c.roleId, c.fte, c.headcount, c.establishment, JSON.stringify(age ?? new Array<number>(AGE_BAND_COUNT).fill(0)));
        continue;
      }
      const sets = ['fte = ?'];
      const args: (number | string)[] = [c.fte];
      if (c.hasHeadcount) {
        sets.push('headcount = ?');
        args.push(c.headcount);
      }
      if (c.hasEstablishment) {
        sets.push('establishment = ?');
        args.push(c.establishment);
      }
      if (age) {
        sets.push('age_profile = ?');
        args.push(JSON.stringify(age));
      }
      db.prepare(`UPDATE workforce_baseline SET ${sets.join(', ')} WHERE id = ?`).run(...args, row.id);
    }
    return;
  }
  for (const y of plan.yearly.values()) {
    if (plan.target === 'intakes') setIntake(db, y.pipelineId!, y.year, y.value);
    else if (plan.target === 'joiners') {
      const kind = y.kind as 'international' | 'return-to-practice' | 'labour-market';
      const existing = db.prepare('SELECT id FROM other_joiner WHERE scenario_id = ? AND kind = ? AND org_id = ? AND role_id = ?').get(scenarioId, kind, y.orgId, y.roleId) as { id: number } | undefined;
      const joinerId = existing?.id ?? createJoiner(db, scenarioId, { kind, orgId: y.orgId!, roleId: y.roleId!, entrantAgeBand: 1 }).id;
      setJoinerFte(db, joinerId, y.year, y.value, 'import');
    } else {
      // An imported demand change replaces the scenario's changes for the same cell and year.
      db.prepare('DELETE FROM demand_change WHERE scenario_id = ? AND org_id = ? AND role_id = ? AND year = ?').run(scenarioId, y.orgId, y.roleId, y.year);
      createDemandChange(db, scenarioId, { orgId: y.orgId!, roleId: y.roleId!, year: y.year, deltaFte: y.value, description: 'Imported' });
    }
  }
}

// ---------------------------------------------------------------- undo

const q = (ident: string): string => `"${ident.replace(/"/g, '""')}"`;

function applyBefore(db: Db, tbl: string, pkJson: string, image: string | null): void {
  const pk = JSON.parse(pkJson) as Record<string, unknown>;
  const pkCols = Object.keys(pk);
  const where = pkCols.map((c) => `${q(c)} = ?`).join(' AND ');
  const pkValues = pkCols.map((c) => pk[c]);
  if (image === null) {
    db.prepare(`DELETE FROM main.${q(tbl)} WHERE ${where}`).run(...pkValues);
    return;
  }
  const row = JSON.parse(image) as Record<string, unknown>;
  const cols = Object.keys(row);
  if (db.prepare(`SELECT 1 FROM main.${q(tbl)} WHERE ${where}`).get(...pkValues)) {
    db.prepare(`UPDATE main.${q(tbl)} SET ${cols.map((c) => `${q(c)} = ?`).join(', ')} WHERE ${where}`).run(...cols.map((c) => row[c]), ...pkValues);
  } else {
    db.prepare(`INSERT INTO main.${q(tbl)} (${cols.map(q).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`).run(...cols.map((c) => row[c]));
  }
}

/** Undoes one import as a new change; refuses when a later change touched the same rows. */
export function undoImport(db: Db, importId: number): ImportHistoryRow {
  const h = getHistory(db, importId);
  if (h.state === 'undone') throw new AppError('CONFLICT', `The import of "${h.fileName}" has already been undone.`);
  if (h.changeId === null) throw new AppError('CONFLICT', `The import of "${h.fileName}" changed nothing, so there is nothing to undo.`);
  const later = db
    .prepare(
      `SELECT s.summary FROM change_row r JOIN change_set s ON s.id = r.change_id
       WHERE s.id > ? AND s.state = 'active'
         AND EXISTS (SELECT 1 FROM change_row o WHERE o.change_id = ? AND o.tbl = r.tbl AND o.pk = r.pk)
       ORDER BY s.id LIMIT 1`,
    )
    .get(h.changeId, h.changeId) as { summary: string } | undefined;
  if (later) {
    throw new AppError('CONFLICT', `The import of "${h.fileName}" cannot be undone: a later change ("${later.summary}") edited the same figures. Undo that change first, or edit the figures by hand.`);
  }
  const rows = db.prepare('SELECT tbl, pk, before FROM change_row WHERE change_id = ? ORDER BY id DESC').all(h.changeId) as { tbl: string; pk: string; before: string | null }[];
  recordChange(db, { source: `undo of import of ${h.fileName}`, summary: `Undid the import of ${h.fileName}`, scenarioId: h.scenarioId }, () => {
    db.pragma('defer_foreign_keys = ON');
    for (const r of rows) applyBefore(db, r.tbl, r.pk, r.before);
    const changeId = (db.prepare('SELECT change_id FROM temp.change_ctx').get() as { change_id: number } | undefined)?.change_id ?? null;
    db.prepare('UPDATE import_history SET undo_change_id = ? WHERE id = ?').run(changeId, importId);
  });
  return getHistory(db, importId);
}
