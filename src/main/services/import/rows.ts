/**
 * The pass over a sheet's data rows (inside the worker): recognises blank, notes and subtotal
 * rows, reads numbers, checks them, and adds every row into groups keyed by the file's own
 * organisation, staff group, role, pipeline, year and period values. Nothing here knows the
 * plan; main maps the groups' keys onto it, and so decides which rows' problems count: each
 * problem is filed under its row's organisation, role and staff group. Personal columns are
 * never read; a date of birth is read only to work out an age band and is then forgotten.
 *
 * Subtotal rows are recognised by the whole key cell ("Total", "Grand total", "RBD Total",
 * "All staff groups", "England"), by a blank key under a filled one, and by figures equal to
 * the sum of the rows above them; never by a word inside a name ("Total Health Partnership PCN").
 */
import type { CellValue, ColumnMap, ImportMapping } from '../../../shared/api/channels/import';
import {
  ageBandFromAge,
  ageBandFromText,
  ageFromBirth,
  isBlank,
  KeyParts,
  measureOf,
  quote,
  readNumber,
  text,
  yearFromValue,
  type KeyPart,
  type Measure,
} from './cells';
import { cellText, columnLetter } from './limits';
import type { LoadedFile } from './read';
import { forEachRow } from './read';
import { DistinctValues, emptyRowsOutput, GroupTable, ProblemFiler, type DistinctKind, type RowSkip, type RowsOutput } from './rows-output';
import { SumRows } from './sum-rows';
import { TOTAL_LABEL, totalOfLabel } from './vocabulary';

export { ageBandFromText, measureOf, yearFromValue, type Measure };
export { emptyRowsOutput, ROW_SKIPS, type DistinctKind, type Group, type ProblemGroup, type RowSkip, type RowsOutput } from './rows-output';

const EXAMPLES = 3;

/** Runs the mapping over every data row. */
export async function readGroups(
  file: LoadedFile,
  mapping: ImportMapping,
  headers: string[],
  onProgress: (fraction: number) => void,
  today = new Date(),
): Promise<RowsOutput> {
  const out = emptyRowsOutput();
  const sheetName = mapping.sheet;
  const col = (field: ColumnMap['field']): number =>
    mapping.columns.find((c) => c.field === field && c.year === undefined && c.staffGroup === undefined)?.index ?? -1;
  const cOrg = col('org_code');
  const cOrgName = col('org_name');
  const cSg = col('staff_group');
  const cRole = col('job_role');
  const cFte = col('fte');
  const cHead = col('headcount');
  const cEst = col('establishment');
  const cHours = col('hours');
  const cAge = col('age_band');
  const cDob = col('date_of_birth');
  const cPeriod = col('period');
  const cMeasure = col('measure');
  const cValue = col('value');
  const cYear = col('year');
  const cPipeline = col('pipeline');
  const cKind = col('joiner_kind');
  const wide = mapping.columns.filter((c) => c.field === 'value' && (c.year !== undefined || c.staffGroup !== undefined));
  const target = mapping.target;
  const personal = mapping.columns.some((c) => c.field === 'personal' || c.field === 'date_of_birth');
  const personLevel = mapping.options.personLevel ?? personal;
  const hoursPerFte = mapping.options.hoursPerFte ?? 37.5;
  const wantPeriod = mapping.options.period?.trim().toLowerCase();
  // What a value column counts when no Data Type column says: baseline figures must be told.
  const givenMeasure: Measure = target === 'baseline' ? (mapping.options.measure ?? null) : 'fte';
  const colName = (c: number) => `${columnLetter(c)}${headers[c] ? ` (${cellText(headers[c])})` : ''}`;

  // Parts of a group's key, one table per field: each distinct cell value is trimmed, checked
  // for a subtotal and numbered once, not on every one of a million rows.
  const parts = {
    org: new KeyParts(),
    orgName: new KeyParts(),
    staffGroup: new KeyParts(),
    role: new KeyParts(),
    pipeline: new KeyParts(),
    kind: new KeyParts(),
    period: new KeyParts(),
    measure: new KeyParts(),
    other: new KeyParts(),
  };
  const orgSource = cOrg >= 0 ? cOrg : cOrgName;
  const orgParts = cOrg >= 0 ? parts.org : parts.orgName;
  const keyColumns: { c: number; parts: KeyParts }[] = (
    [
      [cOrg, parts.org],
      [cOrgName, parts.orgName],
      [cSg, parts.staffGroup],
      [cRole, parts.role],
      [cPipeline, parts.pipeline],
    ] as const
  )
    .filter(([c]) => c >= 0)
    .map(([c, p]) => ({ c, parts: p }));
  // With no key column mapped, the first three columns are looked at for "Total".
  if (keyColumns.length === 0) for (const c of [0, 1, 2]) keyColumns.push({ c, parts: parts.other });
  /** A key cell labels a total: by the whole cell, or as "<a value seen above> Total". */
  const isTotal = (p: KeyPart, kp: KeyParts): boolean => {
    if (p.subtotal !== undefined) return p.subtotal;
    const of = totalOfLabel(p.text);
    p.subtotal = TOTAL_LABEL.test(p.text) || (of !== null && kp.seen(of));
    return p.subtotal;
  };
  // The columns a blank under a filled cell marks a subtotal in: the organisation, and the role (or staff group).
  const innerKey = cRole >= 0 ? cRole : cSg;
  const innerParts = cRole >= 0 ? parts.role : parts.staffGroup;
  const fixedKind = parts.kind.get(mapping.options.joinerKind ?? '');
  // A wide column's own staff group, looked up once.
  const wideGroup = wide.map((w) => (w.staffGroup !== undefined ? parts.staffGroup.get(w.staffGroup) : null));

  const table = new GroupTable();
  const distinct = new DistinctValues();
  const note = (kind: DistinctKind, p: KeyPart, row: number, amount: number) => distinct.note(kind, p, row, amount);
  const bandSeen = new Map<CellValue | undefined, number | null>();
  const bandOf = (v: CellValue | undefined): number | null => {
    let b = bandSeen.get(v);
    if (b === undefined) {
      b = ageBandFromText(text(v));
      if (bandSeen.size < 10_000) bandSeen.set(v, b);
    }
    return b;
  };
  const suppressedCols = new Map<number, { rows: number; first: number }>();

  const skip = (reason: RowSkip, rowNumber: number, example: string) => {
    out.skipped[reason]++;
    const ex = out.examples[reason];
    if (ex.length < EXAMPLES) ex.push(`row ${rowNumber.toLocaleString('en-GB')}: ${example}`);
  };

  // The key of the row being read, shared with problem(), addTo() and useRow(). A field the
  // mapping does not read is the empty text of that field's own table, so ids never collide.
  const noOrgName = parts.orgName.get('');
  const noStaffGroup = parts.staffGroup.get('');
  const noRole = parts.role.get('');
  const noPipeline = parts.pipeline.get('');
  const noPeriod = parts.period.get('');
  let org = orgParts.get('');
  let orgName = noOrgName;
  let staffGroup = noStaffGroup;
  let role = noRole;
  let pipeline = noPipeline;
  let kind = fixedKind;
  let period = noPeriod;
  let ageBand: number | null = null;
  /** The staff group a problem belongs to: a wide column's own, else the row's. */
  let problemGroup = noStaffGroup;

  const filer = new ProblemFiler(out, file.fileName, sheetName, colName);
  /** A problem of the current row, filed under its organisation, role and staff group. */
  const problem = (severity: 'error' | 'warning', row: number, c: number | null, message: string) =>
    filer.file(severity, row, c, message, org.text, role.text, problemGroup.text);

  const num = (row: CellValue[], c: number, rowNumber: number, label: string, allowNegative: boolean): number | null | 'bad' => {
    const n = readNumber(row[c], label, allowNegative);
    if (n === null || typeof n === 'number') return n;
    if ('error' in n) {
      problem('error', rowNumber, c, n.error);
      return 'bad';
    }
    const s = suppressedCols.get(c);
    if (s) s.rows++;
    else suppressedCols.set(c, { rows: 1, first: rowNumber });
    return null;
  };

  /** Adds one observation of the current row into its group. */
  const addTo = (
    sg: KeyPart,
    year: number | null,
    fte: number,
    head: number,
    est: number,
    value: number,
    hasF: boolean,
    hasH: boolean,
    hasE: boolean,
    rowNumber: number,
  ) => table.add({ org, orgName, staffGroup: sg, role, pipeline, kind, period }, year, ageBand, fte, head, est, value, hasF, hasH, hasE, rowNumber);
  /** Notes the current row's key values, so that they can be mapped (or skipped) whether or not the row is good. */
  const noteKeys = (rowNumber: number, amount: number) => {
    if (org.text) note('org', org, rowNumber, amount);
    if (role.text) note('role', role, rowNumber, 0);
    if (pipeline.text) note('pipeline', pipeline, rowNumber, 0);
    if (kind.text) note('kind', kind, rowNumber, 0);
  };
  const noYear = (rowNumber: number) =>
    problem('error', rowNumber, cValue >= 0 ? cValue : null, 'The row has no year: map a Year column, or use a column per year.');

  // Subtotals by sum (sum-rows.ts): only where two or more figures must agree.
  const numericCols = [cFte, cHours, cHead, cEst, cValue, ...wide.map((w) => w.index)].filter((c) => c >= 0);
  const sumRows = !personLevel && !mapping.options.keepSumRows && numericCols.length >= 2;
  const sums = new SumRows(numericCols);

  const width = headers.length;
  const fromRow = mapping.headerRow + 1;
  const allowNegative = target === 'demand';
  /** Whether the row above had the organisation (or the role) filled in, or was a subtotal. */
  let orgAbove = false;
  let innerAbove = false;
  let orgAboveText = '';
  let innerAboveText = '';
  await forEachRow(
    file,
    sheetName,
    fromRow,
    (row, rowNumber) => {
      out.rowsRead++;
      // Only whether the row has none, one or more filled cells matters.
      let filled = 0;
      const cells = row.length > width ? row.length : width;
      for (let c = 0; c < cells; c++) if (!isBlank(row[c]) && ++filled === 2) break;
      if (filled === 0) {
        out.skipped.blank++;
        if (sumRows) sums.reset();
        return;
      }
      // A total or subtotal row is skipped, never summed.
      for (const k of keyColumns) {
        const p = k.parts.get(row[k.c]);
        if (isTotal(p, k.parts)) {
          skip('total', rowNumber, quote(p.text));
          orgAbove = innerAbove = true;
          orgAboveText = innerAboveText = p.text;
          if (sumRows) sums.reset();
          return;
        }
      }
      if (filled === 1 && !isBlank(row[0]) && typeof row[0] === 'string' && row[0].length > 25) {
        skip('notes', rowNumber, quote(row[0])); // a footnote
        return;
      }
      org = orgParts.get(row[orgSource]);
      orgName = cOrgName >= 0 ? parts.orgName.get(row[cOrgName]) : noOrgName;
      const inner = innerKey >= 0 ? innerParts.get(row[innerKey]) : null;
      if (!personLevel) {
        // A blank key under a filled one: a group heading or subtotal with figures beside it.
        if (orgSource >= 0 && org.text === '' && orgAbove) {
          skip('blank-key', rowNumber, `no ${cellText(headers[orgSource] || 'organisation')} under ${quote(orgAboveText)}`);
          if (sumRows) sums.reset();
          return;
        }
        if (inner !== null && inner.text === '' && innerAbove && org.text !== '') {
          skip('blank-key', rowNumber, `no ${cellText(headers[innerKey] || 'role')} under ${quote(innerAboveText)}`);
          if (sumRows) sums.reset();
          return;
        }
      }
      orgAbove = org.text !== '';
      orgAboveText = org.text;
      innerAbove = inner !== null && inner.text !== '';
      innerAboveText = inner?.text ?? '';
      period = cPeriod >= 0 ? parts.period.get(row[cPeriod]) : noPeriod;
      if (cPeriod >= 0) note('period', period, rowNumber, 0);
      if (wantPeriod !== undefined && wantPeriod !== '' && !(period.wanted ??= period.text.toLowerCase() === wantPeriod)) {
        skip('period', rowNumber, quote(period.text));
        return;
      }
      staffGroup = cSg >= 0 ? parts.staffGroup.get(row[cSg]) : noStaffGroup;
      problemGroup = staffGroup;
      role = cRole >= 0 ? parts.role.get(row[cRole]) : noRole;
      pipeline = cPipeline >= 0 ? parts.pipeline.get(row[cPipeline]) : noPipeline;
      kind = cKind >= 0 ? parts.kind.get(row[cKind]) : fixedKind;
      if (sumRows) {
        const first = sums.sumOf(row, org.text, rowNumber);
        if (first !== null) {
          skip('sum', rowNumber, `equals the sum of rows ${first.toLocaleString('en-GB')} to ${(rowNumber - 1).toLocaleString('en-GB')}`);
          return;
        }
      }
      if (orgSource >= 0 && org.text === '' && target !== 'intakes') {
        problem('error', rowNumber, orgSource, 'The row has no organisation: fill it in, or delete the row.');
        return;
      }
      let year: number | null = null;
      if (cYear >= 0) {
        year = yearFromValue(row[cYear] ?? null);
        if (year === null) {
          noteKeys(rowNumber, 0);
          problem('error', rowNumber, cYear, `${quote(text(row[cYear]).slice(0, 20))} is not a year: write it as 2024/25 or 2024.`);
          return;
        }
      }
      let measure: Measure = givenMeasure;
      if (cMeasure >= 0) {
        const m = parts.measure.get(row[cMeasure]);
        note('measure', m, rowNumber, 0);
        measure = m.measure === undefined ? (m.measure = measureOf(m.text)) : m.measure;
        if (measure === null) {
          skip('measure', rowNumber, quote(m.text));
          return;
        }
      }
      ageBand = null;
      if (cAge >= 0) ageBand = bandOf(row[cAge]);
      else if (cDob >= 0 && !isBlank(row[cDob])) {
        const age = ageFromBirth(row[cDob] ?? null, today);
        if (age === null) problem('warning', rowNumber, cDob, 'The date of birth is not a date between 14 and 100 years ago: the age band is left unknown.');
        else ageBand = ageBandFromAge(age);
      }

      if (wide.length > 0) {
        // A column per year or staff group: every cell is read before any is added, so that
        // a row with a bad cell adds nothing.
        const observations: { sg: KeyPart; year: number | null; n: number }[] = [];
        let bad = false;
        for (let i = 0; i < wide.length; i++) {
          const w = wide[i]!;
          problemGroup = wideGroup[i] ?? staffGroup;
          const n = num(row, w.index, rowNumber, target === 'baseline' ? (measure === 'headcount' ? 'Headcount' : 'FTE') : 'Value', allowNegative);
          if (n === 'bad') bad = true;
          else if (n !== null) observations.push({ sg: wideGroup[i] ?? staffGroup, year: w.year ?? year, n });
        }
        problemGroup = staffGroup;
        if (bad) {
          noteKeys(rowNumber, 0);
          return;
        }
        if (observations.length === 0) {
          skip('blank', rowNumber, 'no figures');
          return;
        }
        if (target === 'baseline' && measure === null) {
          skip('measure', rowNumber, 'the figures are not known to be FTE or headcount');
          return;
        }
        const isFte = target === 'baseline' ? measure === 'fte' : true;
        out.rowsUsed++;
        noteKeys(
          rowNumber,
          observations.reduce((a, o) => a + (target === 'baseline' ? (isFte ? o.n : 0) : o.n), 0),
        );
        for (const o of observations) {
          const fte = target === 'baseline' && isFte ? o.n : 0;
          if (o.sg.text) note('staffGroup', o.sg, rowNumber, target === 'baseline' ? fte : o.n);
          if (target !== 'baseline' && o.year === null) {
            noYear(rowNumber);
            continue;
          }
          addTo(
            o.sg,
            o.year,
            fte,
            target === 'baseline' && measure === 'headcount' ? o.n : 0,
            target === 'baseline' && measure === 'establishment' ? o.n : 0,
            o.n,
            target === 'baseline' && isFte,
            target === 'baseline' && measure === 'headcount',
            target === 'baseline' && measure === 'establishment',
            rowNumber,
          );
        }
        return;
      }

      let bad = false;
      let fte: number | null = null;
      let head: number | null = null;
      let est: number | null = null;
      let value: number | null = null;
      if (cFte >= 0) {
        const n = num(row, cFte, rowNumber, 'FTE', allowNegative);
        if (n === 'bad') bad = true;
        else fte = n;
      }
      if (cHours >= 0 && fte === null) {
        const n = num(row, cHours, rowNumber, 'Hours', false);
        if (n === 'bad') bad = true;
        else if (n !== null) fte = n / hoursPerFte;
      }
      if (cHead >= 0) {
        const n = num(row, cHead, rowNumber, 'Headcount', false);
        if (n === 'bad') bad = true;
        else head = n;
      }
      if (cEst >= 0) {
        const n = num(row, cEst, rowNumber, 'Establishment', false);
        if (n === 'bad') bad = true;
        else est = n;
      }
      if (cValue >= 0) {
        const n = num(row, cValue, rowNumber, measure === 'headcount' ? 'Headcount' : target === 'baseline' ? 'FTE' : 'Value', allowNegative);
        if (n === 'bad') bad = true;
        else value = n;
        if (target === 'baseline' && value !== null) {
          if (measure === 'fte') fte = (fte ?? 0) + value;
          else if (measure === 'headcount') head = (head ?? 0) + value;
          else if (measure === 'establishment') est = (est ?? 0) + value;
          else if (fte === null && head === null && est === null) {
            skip('measure', rowNumber, 'the figures are not known to be FTE or headcount');
            return;
          }
        }
      }
      if (target !== 'baseline' && value === null && fte !== null) value = fte;
      if (personLevel && head === null && target === 'baseline') head = 1;
      if (personLevel && fte !== null && fte > 1.5)
        problem('warning', rowNumber, cFte >= 0 ? cFte : cHours, `FTE ${fte.toFixed(2)} is above 1.5 for one person: check the contract.`);
      if (bad) {
        noteKeys(rowNumber, 0);
        if (staffGroup.text) note('staffGroup', staffGroup, rowNumber, 0);
        return;
      }
      if (fte === null && head === null && est === null && value === null) {
        skip('blank', rowNumber, 'no figures');
        return;
      }
      const amount = target === 'baseline' ? (fte ?? 0) : (value ?? 0);
      out.rowsUsed++;
      noteKeys(rowNumber, amount);
      if (staffGroup.text) note('staffGroup', staffGroup, rowNumber, amount);
      if (target !== 'baseline' && year === null) {
        noYear(rowNumber);
        return;
      }
      addTo(staffGroup, year, fte ?? 0, head ?? 0, est ?? 0, value ?? 0, fte !== null, head !== null, est !== null, rowNumber);
    },
    onProgress,
  );
  filer.suppressed(suppressedCols);
  out.groups = table.list;
  out.problemGroups = filer.groups();
  distinct.into(out);
  return out;
}
