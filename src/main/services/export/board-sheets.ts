/**
 * The board workbook's detail sheets: the bridge per role, the projection (years across,
 * organisation subtotals), the pipelines with their intakes, and the assumptions register.
 */
import type { AssumptionRow, CellResult } from '../../../shared/api/dto';
import { groupAssumptions, sourceSummary, statusWord } from './assumption-groups';
import { DETAIL_LEVEL, FORMAT, SheetWriter, TOTAL_BORDER } from './sheet-kit';
import {
  cellsByOrganisation,
  names,
  projectionSections,
  wrapHeight,
  yearColumns,
  yearWidths,
  YEAR_WIDTH,
  type BoardContext,
  type Progress,
  type ScenarioBook,
} from './board-kit';

/** The rows of one role's bridge, as the sheet shows them: flows out written negative. */
export interface BridgeLine {
  label: string;
  values: number[];
  kind: 'stock' | 'in' | 'out';
}

/** Sums a flow across the cells of one role. */
function sumBy(cells: readonly CellResult[], pick: (c: CellResult) => number[], n: number): number[] {
  const out = new Array<number>(n).fill(0);
  for (const c of cells) pick(c).forEach((v, i) => (out[i] = out[i]! + v));
  return out;
}

export function bridgeLines(book: ScenarioBook, roleId: number): BridgeLine[] {
  const n = book.result.years.length;
  const cells = book.result.cells.filter((c) => c.roleId === roleId);
  const byPipeline = new Map(book.result.pipelines.map((p) => [p.pipelineId, p]));
  const lines: BridgeLine[] = [{ label: 'Opening', values: sumBy(cells, (c) => c.opening, n), kind: 'stock' }];
  const orgName = names(book.inputs).org;
  for (const p of book.inputs.pipelines.filter((x) => x.roleId === roleId)) {
    const r = byPipeline.get(p.id);
    if (r) lines.push({ label: `Qualified: ${p.name} (${orgName.get(p.orgId) ?? p.orgId})`, values: [...r.joinedFte], kind: 'in' });
  }
  lines.push({ label: 'Other joiners', values: sumBy(cells, (c) => c.otherJoiners, n), kind: 'in' });
  lines.push({ label: 'Leavers', values: sumBy(cells, (c) => c.leavers, n).map((v) => -v), kind: 'out' });
  lines.push({ label: 'Retirements', values: sumBy(cells, (c) => c.retirements, n).map((v) => -v), kind: 'out' });
  lines.push({ label: 'Moved to training for another role', values: sumBy(cells, (c) => c.progressionOut, n).map((v) => -v), kind: 'out' });
  lines.push({ label: 'Closing', values: sumBy(cells, (c) => c.closing, n), kind: 'stock' });
  return lines;
}

export function bridge(ctx: BoardContext, book: ScenarioBook): void {
  const compared = ctx.books.length > 1;
  const s = new SheetWriter(ctx.wb, compared ? `Bridge ${book.scenario.name}` : 'Bridge', ctx.taken);
  const years = book.result.years;
  s.title(
    `Supply bridge by role (FTE): ${book.scenario.name}`,
    'Opening → qualified by pipeline → other joiners → leavers → retirements → closing, summed over organisations. Flows out are negative.',
  );
  const head = s.header([{ header: 'Role' }, { header: 'Flow' }, ...yearColumns(years)]);
  s.freeze(2, head);
  const suppressedCols = (roleId: number): Set<number> => {
    const out = new Set<number>();
    years.forEach((_, i) => {
      if (book.suppression.roleYearHidden(roleId, i)) out.add(i);
    });
    return out;
  };
  for (const r of book.inputs.roles) {
    if (!book.result.cells.some((c) => c.roleId === r.id)) continue;
    const hidden = suppressedCols(r.id);
    for (const line of bridgeLines(book, r.id)) {
      // A hidden year hides its whole column, and the next year's opening (which equals it).
      const values = line.values.map((v, i) => (hidden.has(i) || (line.label === 'Opening' && hidden.has(i - 1)) ? 'suppressed' : v));
      const closing = line.label === 'Closing';
      const row = s.line([r.name, line.label, ...values], [undefined, undefined, ...years.map(() => (line.kind === 'out' ? FORMAT.outflow : FORMAT.fte))], {
        bold: closing,
        outlineLevel: line.kind === 'stock' ? 0 : DETAIL_LEVEL,
      });
      if (closing) row.eachCell((c) => (c.border = TOTAL_BORDER));
    }
    s.gapRow();
  }
  yearWidths(s.ws, [34, 62], years.length);
  s.finish(ctx.page, { titleRows: [head, head] });
}

/** Row kinds of the projection, each with its own styles (see SheetWriter.bulk). */
const P_LABEL = 0;
const P_DETAIL = 1;
const P_SUBTOTAL = 2;
const P_TOTAL = 3;

export function projection(ctx: BoardContext, book: ScenarioBook, progress: Progress): void {
  const compared = ctx.books.length > 1;
  const s = new SheetWriter(ctx.wb, compared ? `Projection ${book.scenario.name}` : 'Projection', ctx.taken);
  const { role } = names(book.inputs);
  const years = book.result.years;
  const Y = years.length;
  s.title(
    `Projection by organisation, role and year: ${book.scenario.name}`,
    'Each organisation and role at each year end, with each organisation’s subtotal and the system total. The outline buttons 1 and 2 at the left collapse the rows to organisations.',
  );
  const head = s.header([{ header: 'Organisation' }, { header: 'Role' }, ...yearColumns(years)]);
  s.freeze(2, head);
  const small = ctx.options.suppressBelow === null ? '' : `<${ctx.options.suppressBelow}`;
  const orgs = cellsByOrganisation(book);
  const rows: (string | number | null)[][] = [];
  const kinds: number[] = [];
  const formats: (string | undefined)[][] = [];
  const sections = projectionSections(ctx.options.measures);
  sections.forEach((sec, k) => {
    const yearFormats = years.map(() => sec.format);
    formats[k] = [undefined, undefined, ...yearFormats];
    rows.push([sec.label]);
    kinds.push(P_LABEL);
    const total = new Array<number>(Y).fill(0);
    const totalHidden = new Array<boolean>(Y).fill(false);
    for (const o of orgs) {
      const sub = new Array<number>(Y).fill(0);
      const subHidden = new Array<boolean>(Y).fill(false);
      for (const i of o.cells) {
        const c = book.result.cells[i]!;
        const values = sec.pick(c);
        const shown: (string | number)[] = values.map((v, t) => {
          sub[t] = sub[t]! + v;
          if (sec.suppressible === 'no' || !book.suppression.isHidden(c, t)) return v;
          subHidden[t] = true;
          return sec.suppressible === 'headcount' && book.suppression.isSmall(c, t) ? small : 'suppressed';
        });
        rows.push([o.name, role.get(c.roleId) ?? `Role ${c.roleId}`, ...shown]);
        kinds.push(P_DETAIL);
      }
      rows.push([o.name, 'All roles', ...sub.map((v, t) => (subHidden[t] ? 'suppressed' : v))]);
      kinds.push(P_SUBTOTAL);
      sub.forEach((v, t) => (total[t] = total[t]! + v));
    }
    if (sec.suppressible !== 'no') years.forEach((_, t) => (totalHidden[t] = book.suppression.totalYearHidden(t)));
    rows.push(['All organisations', 'System total', ...total.map((v, t) => (totalHidden[t] ? 'suppressed' : v))]);
    kinds.push(P_TOTAL);
    // A blank row between sections (none after the last).
    if (k < sections.length - 1) {
      rows.push([]);
      kinds.push(P_LABEL);
    }
    progress((k + 1) / sections.length, `Projection: ${book.scenario.name}`);
  });
  // One format list per kind and section: kinds are numbered section × 4 + kind.
  const kindFormats: (string | undefined)[][] = [];
  const styles: { bold?: boolean; outlineLevel?: number; border?: boolean }[] = [];
  sections.forEach((_, k) => {
    kindFormats[k * 4 + P_LABEL] = [];
    kindFormats[k * 4 + P_DETAIL] = formats[k]!;
    kindFormats[k * 4 + P_SUBTOTAL] = formats[k]!;
    kindFormats[k * 4 + P_TOTAL] = formats[k]!;
    styles[k * 4 + P_LABEL] = { bold: true };
    styles[k * 4 + P_DETAIL] = { outlineLevel: DETAIL_LEVEL };
    styles[k * 4 + P_SUBTOTAL] = { bold: true };
    styles[k * 4 + P_TOTAL] = { bold: true, border: true };
  });
  let section = -1;
  const sectionKinds = kinds.map((kind, i) => {
    if (kind === P_LABEL && rows[i]!.length > 0) section++;
    return Math.max(0, section) * 4 + kind;
  });
  s.bulk(rows, kindFormats, ctx.bulk, { kinds: sectionKinds, styles });
  yearWidths(s.ws, [56, 50], Y);
  s.finish(ctx.page, { titleRows: [head, head] });
}

export function pipelinesSheet(ctx: BoardContext, book: ScenarioBook): void {
  const compared = ctx.books.length > 1;
  const s = new SheetWriter(ctx.wb, compared ? `Pipelines ${book.scenario.name}` : 'Pipelines', ctx.taken);
  const { org, role } = names(book.inputs);
  const years = book.result.years;
  const byId = new Map(book.result.pipelines.map((p) => [p.pipelineId, p]));
  s.title(`Pipelines and intakes: ${book.scenario.name}`, 'Intakes are starters (heads) by the year they start; joined FTE is what reaches the workforce.');
  const head = s.header([
    { header: 'Pipeline' },
    { header: 'Type' },
    { header: 'Organisation' },
    { header: 'Role' },
    { header: 'From role' },
    { header: 'Years', format: FORMAT.years },
    { header: 'Attrition', format: FORMAT.rate },
    { header: 'Conversion', format: FORMAT.rate },
    { header: 'FTE per head', format: '0.00' },
    { header: 'Cost per learner-year (£)', format: FORMAT.money },
    { header: 'Measure' },
    ...yearColumns(years),
    { header: 'Total', format: FORMAT.fte },
  ]);
  s.freeze(1, head);
  const fixedFormats = [undefined, undefined, undefined, undefined, undefined, FORMAT.years, FORMAT.rate, FORMAT.rate, '0.00', FORMAT.money, undefined];
  // Four kinds of row per pipeline, each with its own formats.
  const formats = [
    [...fixedFormats, ...years.map(() => FORMAT.heads), FORMAT.heads],
    [...fixedFormats, ...years.map(() => FORMAT.fte), FORMAT.fte],
    [...fixedFormats, ...years.map(() => FORMAT.fte), FORMAT.fte],
    [...fixedFormats, ...years.map(() => FORMAT.money), FORMAT.money],
  ];
  const rows: (string | number | null)[][] = [];
  const kinds: number[] = [];
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  for (const p of book.pipelines) {
    const r = byId.get(p.id);
    const fixed = [
      p.name,
      p.type.replace(/-/g, ' '),
      org.get(p.orgId) ?? '',
      role.get(p.roleId) ?? '',
      p.sourceRoleId === null ? '' : (role.get(p.sourceRoleId) ?? ''),
      p.durationYears,
      p.attrition,
      p.conversion,
      p.ftePerHead,
      p.costPerLearnerYear,
    ];
    const intakes = years.map((y) => p.intakes[y] ?? 0);
    rows.push([...fixed, 'Intake (heads)', ...intakes, sum(intakes)]);
    kinds.push(0);
    if (r) {
      const blank: (string | null)[] = fixed.map(() => null);
      blank[0] = p.name;
      rows.push(
        [...blank, 'Completers (heads)', ...r.completers, sum(r.completers)],
        [...blank, 'Joined (FTE)', ...r.joinedFte, sum(r.joinedFte)],
        [...blank, 'Training cost (£)', ...r.trainingCost, sum(r.trainingCost)],
      );
      kinds.push(1, 2, 3);
    }
  }
  if (book.pipelines.length === 0) s.line(['This scenario has no pipelines.']);
  else s.bulk(rows, formats, ctx.bulk, { kinds });
  [52, 14, 40, 34, 26, 8, 10, 11, 9, 12, 18].forEach((w, i) => (s.ws.getColumn(i + 1).width = w));
  for (let t = 0; t <= years.length; t++) s.ws.getColumn(12 + t).width = YEAR_WIDTH;
  s.finish(ctx.page, { titleRows: [head, head] });
}

export function assumptionsSheet(ctx: BoardContext): void {
  const s = new SheetWriter(ctx.wb, 'Assumptions', ctx.taken);
  s.title(
    'Assumptions register',
    'Every number’s source, grouped by kind. Stated = from a document; derived = calculated from published data; illustrative = assumed, to be confirmed. The + buttons at the left (or the outline button 2) show each group’s numbers.',
  );
  const head = s.header(['What', 'Value', 'Status', 'Source', 'Applies to']);
  s.freeze(1, head);
  s.ws.properties.outlineProperties = { summaryBelow: false, summaryRight: false };
  const seen = new Set<string>();
  const rows: { row: AssumptionRow; appliesTo: string }[] = [];
  for (const b of ctx.books) {
    for (const a of b.assumptions) {
      const key = `${a.entity}:${a.entityId}:${a.field}`;
      if (seen.has(key)) continue;
      seen.add(key);
      rows.push({ row: a, appliesTo: a.scenarioId === null ? 'Whole plan' : b.scenario.name });
    }
  }
  const widths = [60, 24, 13, 80, 20];
  for (const g of groupAssumptions(rows)) {
    const count = g.rows.length;
    const source = sourceSummary(g);
    const top = s.line([g.what, `${count} number${count === 1 ? '' : 's'}`, statusWord(g.status), source, g.appliesTo], [], { bold: true });
    const h = wrapHeight([[source, widths[3]!]]);
    if (h) top.height = h;
    if (g.status === 'illustrative') top.getCell(3).font = { bold: true, color: { argb: 'FF7C2855' } };
    for (const a of g.rows) {
      const r = s.line([a.label, a.value, statusWord(a.status), a.source, g.appliesTo], [], { outlineLevel: DETAIL_LEVEL });
      // Collapsed: a printed register shows the groups; the numbers are one click away.
      r.hidden = true;
      const hh = wrapHeight([
        [a.label, widths[0]!],
        [a.value, widths[1]!],
        [a.source, widths[3]!],
      ]);
      if (hh) r.height = hh;
    }
  }
  if (seen.size === 0) s.line(['No sources are recorded yet.']);
  widths.forEach((w, i) => (s.ws.getColumn(i + 1).width = w));
  for (let c = 1; c <= 5; c++) s.ws.getColumn(c).alignment = { wrapText: [1, 2, 4].includes(c), vertical: 'top' };
  s.finish(ctx.page, { titleRows: [head, head] });
}
