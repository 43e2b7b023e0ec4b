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
  FieldKey,
  ImportHistoryRow,
  ImportMapping,
  ImportProblem,
  ImportReport,
  ImportTarget,
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
import { recordChange } from '../../db/changes';
import { getPlanSettings } from '../../db/repos/meta';
import { STAFF_GROUP_TO_ROLES } from '../demo/model-inputs';
import { requireScenario } from '../scenarios';
import { setOwn } from '../../../shared/own';
import type { Analysis } from './engine';
import { normaliseHeader } from './headers';
import { cellText, columnLetter, LIMITS } from './limits';
import { baselineChanges, yearlyChanges, ZERO_AGES, type BaselineCell, type PlanOrg, type PlanRole, type YearlyCell } from './plan-changes';
import { countProblems, skippedRows } from './row-problems';
import { emptyRowsOutput, type RowsOutput } from './rows';
import { notStaffInPost } from './vocabulary';
import { ImportWorker, type WorkerOptions } from './worker-client';
import { listOf, plural, wordingFor, type Via } from './wording';
import { storeMapping, writeImportCommit, type CommitPlan, type ImportCommit, type MappingToSave } from './write';

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
  orgs: PlanOrg[];
  roles: PlanRole[];
  pipelines: { id: number; name: string }[];
}

function planRef(db: Db, scenarioId: number | null): PlanRef {
  return {
    orgs: db.prepare('SELECT id, code, name, share, share_source FROM organisation ORDER BY sort, id').all() as PlanRef['orgs'],
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
  // A sheet with no headings is known by its number of columns.
  const text = headers.every((h) => h === '') ? `headerless:${headers.length}` : headers.map(normaliseHeader).join('|');
  return crypto.createHash('sha256').update(text).digest('hex');
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
  const notStaff = notStaffInPost(a.headers, a.titles, target);
  if (notStaff) {
    throw new AppError(
      'VALIDATION',
      `This looks like ${notStaff.what}, not ${target === 'baseline' ? 'staff in post' : TARGET_WORDS[target]}: sheet "${sheet}" of "${loaded.fileName}" has ${notStaff.evidence.length === 1 ? 'the heading' : 'the headings'} ${listOf(notStaff.evidence.map((e) => `"${cellText(e)}"`))}. Import a file of ${target === 'baseline' ? 'staff in post (FTE or headcount by organisation and role)' : TARGET_WORDS[target]} instead.`,
    );
  }
  loaded.analysis = a;
  const signature = signatureOf(a.headers);
  const saved = savedFor(db, signature, target, options.mappingName);
  let proposed: ImportMapping = {
    target,
    sheet,
    headerRow: a.headerRow,
    columns: a.columns.map((c) => ({ index: c.index, field: c.field, ...(c.year !== undefined ? { year: c.year } : {}), ...(c.staffGroup !== undefined ? { staffGroup: c.staffGroup } : {}) })),
    values: emptyValues(),
    // The measure of a cross-tab or "Total" column only when the titles or headings say it.
    options: a.measure.confidence === 'sure' && a.measure.proposed ? { measure: a.measure.proposed } : {},
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
    headerless: a.headerless,
    titles: a.titles,
    measure: a.measure,
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

/** The columns a target cannot do without: what is missing, and the field that would supply it. */
function requiredFields(target: ImportTarget, columns: ColumnMap[]): { what: string; field: FieldKey }[] {
  const has = (f: ColumnMap['field']) => columns.some((c) => c.field === f);
  const missing: { what: string; field: FieldKey }[] = [];
  const wide = columns.some((c) => c.field === 'value' && (c.year !== undefined || c.staffGroup !== undefined));
  if (target !== 'intakes' && !has('org_code') && !has('org_name')) missing.push({ what: 'an organisation code or name', field: 'org_code' });
  if (target !== 'intakes' && !has('job_role') && !has('staff_group') && !columns.some((c) => c.staffGroup !== undefined)) missing.push({ what: 'a role or staff group', field: 'job_role' });
  if (target === 'intakes' && !has('pipeline')) missing.push({ what: 'a pipeline', field: 'pipeline' });
  if (target === 'baseline' && !wide && !has('fte') && !has('value') && !has('hours') && !has('headcount') && !has('establishment')) missing.push({ what: 'FTE, headcount or contracted hours', field: 'fte' });
  if (target !== 'baseline' && !wide && !has('value') && !has('fte')) missing.push({ what: 'the figures (a value column, or a column per year)', field: 'value' });
  if (target !== 'baseline' && !has('year') && !columns.some((c) => c.year !== undefined)) missing.push({ what: 'the year (a year column, or a column per year)', field: 'year' });
  return missing;
}

export interface Validation {
  report: ImportReport;
  plan: CommitPlan;
}

export async function validateImport(db: Db, loaded: LoadedImport, scenarioId: number, mapping: ImportMapping, p: Progress = NO_PROGRESS, via: Via = 'app'): Promise<Validation> {
  requireScenario(db, scenarioId);
  const words = wordingFor(via);
  const ref = planRef(db, scenarioId);
  if (!loaded.analysis || loaded.analysis.sheet !== mapping.sheet || loaded.analysis.headerRow !== mapping.headerRow) {
    await analyseImport(db, loaded, mapping.target, { sheet: mapping.sheet, headerRow: mapping.headerRow }, p);
  }
  const analysis = loaded.analysis!;
  const problems: ImportProblem[] = [];
  let errors = 0;
  let warnings = 0;
  const columnName = (col: number) => `${columnLetter(col)}${analysis.headers[col] ? ` (${cellText(analysis.headers[col])})` : ''}`;
  const add = (severity: 'error' | 'warning', row: number | null, col: number | null, message: string) => {
    if (severity === 'error') errors++;
    else warnings++;
    if (problems.length < LIMITS.problemsListed) problems.push({ severity, file: loaded.fileName, sheet: mapping.sheet, row, column: col === null ? null : columnName(col), message });
  };
  for (const c of mapping.columns) {
    if (c.index >= analysis.headers.length) throw new AppError('VALIDATION', `Column ${columnLetter(c.index)} is past the last column of sheet "${mapping.sheet}".`);
  }
  // Questions about columns come first: an unsure column is never taken as a default.
  for (const c of mapping.columns) {
    if (c.field !== 'ask') continue;
    const info = analysis.columns.find((x) => x.index === c.index);
    add('error', null, c.index, `Column ${columnName(c.index)} is not clear: it ${info?.reason ?? 'needs an answer'}. ${capital(words.column(analysis.headers[c.index] ?? '', 'fte'))}, or ignore it.`);
  }
  const missing = requiredFields(mapping.target, mapping.columns);
  for (const m of missing) add('error', null, null, `No column holds ${m.what}: ${via === 'cli' ? `use --map "Heading=${m.field}"` : 'choose one on the Columns step'}.`);
  // Figures whose measure nothing states: a question, not a guess.
  const valueColumns = mapping.columns.filter((c) => c.field === 'value');
  const needsMeasure = mapping.target === 'baseline' && valueColumns.length > 0 && !mapping.columns.some((c) => c.field === 'measure') && !mapping.options.measure;
  if (needsMeasure) {
    const shown = valueColumns.slice(0, 3).map((c) => columnName(c.index));
    add(
      'error',
      null,
      valueColumns[0]!.index,
      `Nothing in the file says whether the figures in column${valueColumns.length === 1 ? '' : 's'} ${listOf(shown, 3)}${valueColumns.length > 3 ? ' and the rest' : ''} are FTE or headcount: ${words.measure()}.`,
    );
  }

  let out: RowsOutput = emptyRowsOutput();
  if (missing.length === 0 && !needsMeasure) {
    p.progress(0.1, `Checking ${loaded.fileName}…`);
    out = await loaded.worker.request<RowsOutput>(
      { type: 'run', mapping, headers: analysis.headers },
      { signal: p.signal, onProgress: (f) => p.progress(0.1 + f * 0.8, `Checking ${loaded.fileName}: ${Math.round(f * 100)} %`) },
    );
  }

  const periods = out.distinct.period.map((s) => s.value).sort();
  const periodCol = mapping.columns.find((c) => c.field === 'period')?.index ?? null;
  let periodMissing = false;
  if (periods.length > 1 && !mapping.options.period) {
    add('error', null, periodCol, `The file holds figures for ${periods.length} periods (${listOf(periods)}): ${words.period()}.`);
  } else if (mapping.options.period && periods.length > 0 && !periods.some((x) => x.toLowerCase() === mapping.options.period!.trim().toLowerCase())) {
    periodMissing = true;
    add('error', null, periodCol, `The file holds no period "${mapping.options.period}": its ${periods.length === 1 ? 'period is' : 'periods are'} ${listOf(periods.map((x) => `"${cellText(x)}"`))}: ${words.period()}.`);
  }
  const hasRoleColumn = mapping.columns.some((c) => c.field === 'job_role');
  const { values, choices } = proposeValues(ref, out, mapping.values, hasRoleColumn);
  const colOf = (f: ColumnMap['field']) => mapping.columns.find((c) => c.field === f)?.index ?? null;
  const orgCol = colOf('org_code') ?? colOf('org_name');

  // The rows' own problems: only rows that will be imported count.
  const counted = countProblems(out, mapping.target, values, hasRoleColumn, loaded.fileName, mapping.sheet);
  problems.push(...counted.listed);
  errors += counted.errors;
  warnings += counted.warnings;

  // Unmapped values: one problem per distinct value, at the first row it appears in.
  const rowsOf = (n: number) => plural(n, 'row');
  for (const c of choices) {
    if (c.kind === 'role' && values.role[c.value] === undefined) {
      add('error', c.firstRow, colOf('job_role'), `Role '${cellText(c.value)}' (${rowsOf(c.rows)}) is not in the plan: ${words.value('role', c.value)}.`);
    }
    if (c.kind === 'staffGroup' && !hasRoleColumn && values.staffGroup[c.value] === undefined) {
      add('error', c.firstRow, colOf('staff_group'), `Staff group '${cellText(c.value)}' (${rowsOf(c.rows)}) is not mapped to any role in the plan: ${words.value('staffGroup', c.value)}.`);
    }
    if (c.kind === 'staffGroup' && values.staffGroup[c.value] === null) {
      add('warning', c.firstRow, colOf('staff_group'), `Staff group '${cellText(c.value)}' is skipped: its ${rowsOf(c.rows)} ${c.rows === 1 ? 'is' : 'are'} not imported.`);
    }
    if (c.kind === 'pipeline' && values.pipeline[c.value] === undefined) {
      add('error', c.firstRow, colOf('pipeline'), `Pipeline '${cellText(c.value)}' is not in this scenario: ${words.value('pipeline', c.value)}, or add it on the Pipelines page.`);
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
      `${plural(skippedOrgs.length, 'organisation')} ${skippedOrgs.length === 1 ? 'is' : 'are'} not in the plan or skipped (${listOf(
        skippedOrgs.map((c) => `'${cellText(c.value)}'`),
        4,
      )}): ${rowsOf(rows)} ${rows === 1 ? 'is' : 'are'} left out. To include ${skippedOrgs.length === 1 ? 'it' : 'them'}, ${words.skipOrgs(skippedOrgs.map((c) => c.value))}.`,
    );
  }

  // Groups → plan cells. On a big file each of the next steps takes tens of milliseconds: the
  // event loop runs between them, so the window is never held for long.
  await nextTurn();
  const { baseYear, horizonYear } = getPlanSettings(db);
  let unmapped = 0;
  const totals = new Map<string, { org: string; staffGroup: string; value: number }>();
  const badYears = new Set<number>();
  const badKinds = new Map<string, number>();
  const baselineCells = new Map<string, BaselineCell>();
  const yearlyCells = new Map<string, YearlyCell>();
  for (const g of out.groups) {
    const orgId = g.org === '' ? undefined : values.org[g.org];
    const amount = mapping.target === 'baseline' ? (g.hasFte ? g.fte : g.headcount) : g.value;
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
      const cur = yearlyCells.get(k) ?? { pipelineId, year: g.year!, value: 0 };
      cur.value += g.value;
      yearlyCells.set(k, cur);
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
        const cell = baselineCells.get(k) ?? {
          orgId: orgId!, roleId, fte: 0, headcount: 0, establishment: 0, hasFte: false, hasHeadcount: false, hasEstablishment: false, ageFte: ZERO_AGES(), sources: new Set<string>(),
        };
        cell.fte += g.fte * share;
        cell.headcount += g.headcount * share;
        cell.establishment += g.establishment * share;
        cell.hasFte ||= g.hasFte;
        cell.hasHeadcount ||= g.hasHeadcount;
        cell.hasEstablishment ||= g.hasEstablishment;
        if (!hasRoleColumn && g.staffGroup !== '') cell.sources.add(g.staffGroup);
        for (let b = 0; b < AGE_BAND_COUNT; b++) cell.ageFte[b]! += g.ageFte[b]! * share;
        baselineCells.set(k, cell);
      } else {
        const k = `${kind}|${orgId}|${roleId}|${g.year}`;
        const cur = yearlyCells.get(k) ?? { kind, orgId: orgId!, roleId, year: g.year!, value: 0 };
        cur.value += g.value * share;
        yearlyCells.set(k, cur);
      }
    }
  }
  for (const y of badYears) add('error', null, colOf('year'), `${yearLabel(y)} is outside the plan (${yearLabel(baseYear)} to ${yearLabel(horizonYear)}): change the year, or the plan's horizon.`);
  for (const [k, row] of badKinds) add('error', row, colOf('joiner_kind'), `'${k ? cellText(k) : '(blank)'}' is not a kind of joiner: use international, return to practice or labour market.`);
  if (mapping.target === 'joiners' || mapping.target === 'intakes') {
    for (const [, y] of yearlyCells) if (y.value < 0) add('error', null, null, `The total for ${yearLabel(y.year)} is negative (${formatFte(y.value)}): intakes and joiners cannot be negative.`);
  }
  if (out.rowsUsed === 0 && missing.length === 0 && !needsMeasure && !periodMissing && counted.errors === 0) {
    add('error', null, null, `No rows with figures were found ${mapping.headerRow === 0 ? 'in the sheet' : `under the headings (row ${mapping.headerRow})`}: ${words.headerRow()}, and check what each column holds.`);
  }

  await nextTurn();
  const orgs = new Map(ref.orgs.map((o) => [o.id, o]));
  const roleMap = new Map(ref.roles.map((r) => [r.id, r]));
  const changes =
    mapping.target === 'baseline'
      ? baselineChanges(db, orgs, roleMap, [...baselineCells.values()], mapping.options, words)
      : yearlyChanges(db, orgs, roleMap, new Map(ref.pipelines.map((x) => [x.id, x.name])), scenarioId, mapping.target, [...yearlyCells.values()], mapping.options, words);
  for (const e of changes.errors) add('error', null, null, e);
  if (changes.preview.length === 0 && errors === 0) add('error', null, null, `Nothing in the file maps onto the plan: ${words.value('org', choices.find((c) => c.kind === 'org')?.value ?? 'NAME')}.`);

  const unmappedExamples = [
    ...skippedOrgs.map((c) => `'${cellText(c.value)}'`),
    ...choices
      .filter((c) => (c.kind === 'role' && hasRoleColumn && !values.role[c.value]) || (c.kind === 'staffGroup' && !hasRoleColumn && !values.staffGroup[c.value]))
      .map((c) => `'${cellText(c.value)}'${values[c.kind][c.value] === undefined ? ' (not mapped)' : ''}`),
  ];
  const sk = out.skipped;
  const report: ImportReport = {
    token: loaded.token,
    fileName: loaded.fileName,
    target: mapping.target,
    rowsRead: out.rowsRead,
    rowsUsed: out.rowsUsed,
    rowsSkipped: { blank: sk.blank + sk.notes, subtotal: sk.total + sk['blank-key'] + sk.sum, filtered: sk.period + sk.measure, unmapped },
    skipped: skippedRows(out, unmapped, unmappedExamples),
    periods,
    errors,
    warnings,
    notes: counted.notes,
    problems: [...problems.filter((x) => x.severity === 'error'), ...problems.filter((x) => x.severity === 'warning'), ...(counted.note ? [counted.note] : [])],
    questions: errors === 0 ? changes.questions : [],
    unit: changes.unit,
    shares: changes.shares,
    values: choices,
    mapping: { ...mapping, values },
    preview: changes.preview,
    counts: changes.counts,
    totalsBySource: [...totals.values()].sort((a, b) => a.org.localeCompare(b.org) || a.staffGroup.localeCompare(b.staffGroup)),
    canCommit: errors === 0 && changes.questions.length === 0 && changes.preview.some((r) => r.status === 'added' || r.status === 'replaced' || r.status === 'rounding'),
  };
  p.progress(1, 'Checked');
  return { report, plan: { target: mapping.target, baseline: changes.baseline, yearly: changes.yearly } };
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

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

export function getImportHistory(db: Db, importId: number): ImportHistoryRow {
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

function mappingToSave(name: string, signature: string, mapping: ImportMapping): MappingToSave {
  const kept = mappingToKeep(mapping);
  return { name, signature, target: kept.target, json: JSON.stringify(kept) };
}

export function saveMapping(db: Db, name: string, signature: string, mapping: ImportMapping): void {
  storeMapping(db, mappingToSave(name, signature, mapping));
}

const TARGET_WORDS: Record<ImportTarget, string> = { baseline: 'baseline', intakes: 'intakes', joiners: 'other joiners', demand: 'demand changes' };

/**
 * Validates again against the plan as it is now and works out what to write (see write.ts).
 * Throws VALIDATION, having written nothing, while any error stands.
 */
export async function prepareImportCommit(
  db: Db,
  loaded: LoadedImport,
  scenarioId: number,
  mapping: ImportMapping,
  options: { saveMappingAs?: string | undefined; via?: Via } = {},
  p: Progress = NO_PROGRESS,
): Promise<{ commit: ImportCommit; report: ImportReport }> {
  const { report, plan } = await validateImport(db, loaded, scenarioId, mapping, p, options.via);
  if (report.errors > 0) {
    const first = report.problems.find((x) => x.severity === 'error');
    const where = first ? [`sheet "${first.sheet}"`, first.row !== null ? `row ${first.row.toLocaleString('en-GB')}` : null, first.column ? `column ${first.column}` : null].filter(Boolean).join(', ') : '';
    throw new AppError(
      'VALIDATION',
      `"${loaded.fileName}" was not imported: ${plural(report.errors, 'error')} to fix first${first ? ` (${where}: ${first.message})` : ''}. Nothing was changed.`,
    );
  }
  if (report.questions.length > 0) {
    throw new AppError('VALIDATION', `"${loaded.fileName}" was not imported: ${report.questions.map((x) => x.message).join(' ')} Nothing was changed.`);
  }
  if (plan.baseline.length === 0 && plan.yearly.length === 0) {
    throw new AppError('VALIDATION', `"${loaded.fileName}" was not imported: the plan already holds every figure in it${report.counts.excluded > 0 ? ' that was not left out' : ''}, so there is nothing to change.`);
  }
  p.signal?.throwIfAborted?.();
  p.progress(0.95, 'Writing the import…');
  const c = report.counts;
  const summary = `Imported ${TARGET_WORDS[mapping.target]} from ${loaded.fileName}: ${c.added.toLocaleString('en-GB')} added, ${c.replaced.toLocaleString('en-GB')} replaced${c.rounding > 0 ? `, ${c.rounding.toLocaleString('en-GB')} by rounding only` : ''}${c.excluded > 0 ? `, ${c.excluded.toLocaleString('en-GB')} left out` : ''}`;
  // Answers about this file's lines are not part of a layout's mapping.
  const { decisions: _decisions, acceptLargeChanges: _accept, ...kept } = report.mapping.options;
  const commit: ImportCommit = {
    scenarioId,
    source: `import of ${loaded.fileName}`,
    summary,
    plan,
    history: {
      fileName: loaded.fileName,
      sha256: loaded.sha256,
      size: loaded.size,
      sheet: mapping.sheet,
      rowsRead: report.rowsRead,
      rowsUsed: report.rowsUsed,
      added: c.added,
      replaced: c.replaced + c.rounding,
      unchanged: c.unchanged + c.excluded,
      warnings: report.warnings,
    },
    saveMapping: options.saveMappingAs ? mappingToSave(options.saveMappingAs, signatureOf(loaded.analysis!.headers), { ...report.mapping, options: kept }) : null,
  };
  return { commit, report };
}

/**
 * Validates again against the plan as it is now, then writes everything as one recorded
 * change with its history row, on this connection. Throws VALIDATION (writing nothing) while
 * any error stands. The app writes in the plan worker instead (prepareImportCommit, then the
 * 'import-commit' job); the CLI, with no window to keep responsive, writes here.
 */
export async function commitImport(
  db: Db,
  loaded: LoadedImport,
  scenarioId: number,
  mapping: ImportMapping,
  options: { saveMappingAs?: string | undefined; via?: Via } = {},
  p: Progress = NO_PROGRESS,
): Promise<{ history: ImportHistoryRow; report: ImportReport }> {
  const { commit, report } = await prepareImportCommit(db, loaded, scenarioId, mapping, options, p);
  return { history: getImportHistory(db, writeImportCommit(db, commit)), report };
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
  const h = getImportHistory(db, importId);
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
  return getImportHistory(db, importId);
}
