/**
 * Validating an import: the worker applies the mapping to every row; this side maps the file's
 * organisations, roles and staff groups onto the plan's, lists every problem with its sheet, row
 * and column, and previews every change (plan-changes.ts), without writing anything.
 */
import type { ColumnMap, ImportMapping, ImportProblem, ImportReport } from '../../../shared/api/channels/import';
import { AppError } from '../../../shared/api/errors';
import { formatFte, yearLabel } from '../../../shared/format';
import { AGE_BAND_COUNT } from '../../../shared/model/types';
import type { Db } from '../../db/connection';
import { getPlanSettings } from '../../db/repos/meta';
import { requireScenario } from '../scenarios';
import { analyseImport } from './analyse';
import { cellText, columnLetter, LIMITS } from './limits';
import { baselineChanges } from './baseline-changes';
import { ZERO_AGES, type BaselineCell, type YearlyCell } from './plan-changes';
import { knownStaffGroups, norm, planRef } from './plan-ref';
import { countProblems, skippedRows } from './row-problems';
import { emptyRowsOutput, type RowsOutput } from './rows';
import { NO_PROGRESS, type LoadedImport, type Progress } from './sessions';
import { JOINER_KINDS, proposeValues, requiredFields } from './values';
import { yearlyChanges } from './yearly-changes';
import { listOf, plural, wordingFor, type Via } from './wording';
import type { CommitPlan } from './write';

export interface Validation {
  report: ImportReport;
  plan: CommitPlan;
}

export async function validateImport(
  db: Db,
  loaded: LoadedImport,
  scenarioId: number,
  mapping: ImportMapping,
  p: Progress = NO_PROGRESS,
  via: Via = 'app',
): Promise<Validation> {
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
    if (problems.length < LIMITS.problemsListed)
      problems.push({ severity, file: loaded.fileName, sheet: mapping.sheet, row, column: col === null ? null : columnName(col), message });
  };
  for (const c of mapping.columns) {
    if (c.index >= analysis.headers.length)
      throw new AppError('VALIDATION', `Column ${columnLetter(c.index)} is past the last column of sheet "${mapping.sheet}".`);
  }
  // Questions about columns come first: an unsure column is never taken as a default.
  for (const c of mapping.columns) {
    if (c.field !== 'ask') continue;
    const info = analysis.columns.find((x) => x.index === c.index);
    add(
      'error',
      null,
      c.index,
      `Column ${columnName(c.index)} is not clear: it ${info?.reason ?? 'needs an answer'}. ${capital(words.column(analysis.headers[c.index] ?? '', 'fte'))}, or ignore it.`,
    );
  }
  const missing = requiredFields(mapping.target, mapping.columns);
  for (const m of missing)
    add('error', null, null, `No column holds ${m.what}: ${via === 'cli' ? `use --map "Heading=${m.field}"` : 'choose one on the Columns step'}.`);
  // Figures whose measure nothing states: a question, not a guess.
  const valueColumns = mapping.columns.filter((c) => c.field === 'value');
  const needsMeasure =
    mapping.target === 'baseline' && valueColumns.length > 0 && !mapping.columns.some((c) => c.field === 'measure') && !mapping.options.measure;
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
    add(
      'error',
      null,
      periodCol,
      `The file holds no period "${mapping.options.period}": its ${periods.length === 1 ? 'period is' : 'periods are'} ${listOf(periods.map((x) => `"${cellText(x)}"`))}: ${words.period()}.`,
    );
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
      add(
        'error',
        c.firstRow,
        colOf('staff_group'),
        `Staff group '${cellText(c.value)}' (${rowsOf(c.rows)}) is not mapped to any role in the plan: ${words.value('staffGroup', c.value)}.`,
      );
    }
    if (c.kind === 'staffGroup' && values.staffGroup[c.value] === null) {
      add(
        'warning',
        c.firstRow,
        colOf('staff_group'),
        `Staff group '${cellText(c.value)}' is skipped: its ${rowsOf(c.rows)} ${c.rows === 1 ? 'is' : 'are'} not imported.`,
      );
    }
    if (c.kind === 'pipeline' && values.pipeline[c.value] === undefined) {
      add(
        'error',
        c.firstRow,
        colOf('pipeline'),
        `Pipeline '${cellText(c.value)}' is not in this scenario: ${words.value('pipeline', c.value)}, or add it on the Pipelines page.`,
      );
    }
  }
  if (hasRoleColumn) {
    const known = new Set(knownStaffGroups(ref).map(norm));
    for (const s of out.distinct.staffGroup) {
      if (!known.has(norm(s.value)))
        add('warning', s.firstRow, colOf('staff_group'), `Staff group '${cellText(s.value)}' is not one the plan knows: check it (rows are imported by role).`);
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
          orgId: orgId!,
          roleId,
          fte: 0,
          headcount: 0,
          establishment: 0,
          hasFte: false,
          hasHeadcount: false,
          hasEstablishment: false,
          ageFte: ZERO_AGES(),
          sources: new Set<string>(),
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
  for (const y of badYears)
    add(
      'error',
      null,
      colOf('year'),
      `${yearLabel(y)} is outside the plan (${yearLabel(baseYear)} to ${yearLabel(horizonYear)}): change the year, or the plan's horizon.`,
    );
  for (const [k, row] of badKinds)
    add(
      'error',
      row,
      colOf('joiner_kind'),
      `'${k ? cellText(k) : '(blank)'}' is not a kind of joiner: use international, return to practice or labour market.`,
    );
  if (mapping.target === 'joiners' || mapping.target === 'intakes') {
    for (const [, y] of yearlyCells)
      if (y.value < 0)
        add('error', null, null, `The total for ${yearLabel(y.year)} is negative (${formatFte(y.value)}): intakes and joiners cannot be negative.`);
  }
  if (out.rowsUsed === 0 && missing.length === 0 && !needsMeasure && !periodMissing && counted.errors === 0) {
    add(
      'error',
      null,
      null,
      `No rows with figures were found ${mapping.headerRow === 0 ? 'in the sheet' : `under the headings (row ${mapping.headerRow})`}: ${words.headerRow()}, and check what each column holds.`,
    );
  }

  await nextTurn();
  const orgs = new Map(ref.orgs.map((o) => [o.id, o]));
  const roleMap = new Map(ref.roles.map((r) => [r.id, r]));
  const changes =
    mapping.target === 'baseline'
      ? baselineChanges(db, orgs, roleMap, [...baselineCells.values()], mapping.options, words)
      : yearlyChanges(
          db,
          orgs,
          roleMap,
          new Map(ref.pipelines.map((x) => [x.id, x.name])),
          scenarioId,
          mapping.target,
          [...yearlyCells.values()],
          mapping.options,
          words,
        );
  for (const e of changes.errors) add('error', null, null, e);
  if (changes.preview.length === 0 && errors === 0)
    add('error', null, null, `Nothing in the file maps onto the plan: ${words.value('org', choices.find((c) => c.kind === 'org')?.value ?? 'NAME')}.`);

  const unmappedExamples = [
    ...skippedOrgs.map((c) => `'${cellText(c.value)}'`),
    ...choices
      .filter(
        (c) => (c.kind === 'role' && hasRoleColumn && !values.role[c.value]) || (c.kind === 'staffGroup' && !hasRoleColumn && !values.staffGroup[c.value]),
      )
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
    canCommit:
      errors === 0 && changes.questions.length === 0 && changes.preview.some((r) => r.status === 'added' || r.status === 'replaced' || r.status === 'rounding'),
  };
  p.progress(1, 'Checked');
  return { report, plan: { target: mapping.target, baseline: changes.baseline, yearly: changes.yearly } };
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
