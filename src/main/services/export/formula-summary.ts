/**
 * The Summary of the live-formula workbook: the same tables as the static Summary, every number
 * a formula over the working sheets, so the Summary moves with the Inputs. Headline figures and
 * system totals are sums; each target's projected value, status and why follow the engine's
 * rules (src/shared/model/targets.ts); shortage roles are judged by formulas (shortage.ts); the
 * biggest gaps are ranked by formulas (summary.ts biggestGaps). A hidden sheet, Calc summary,
 * holds the working. The charts are pictures of the numbers as exported, and say so.
 */
import { yearLabel } from '../../../shared/format';
import { describeShortageCriteria, SHORTFALL_SHOWN_FROM } from '../../../shared/model';
import { AGED_55_PLUS_FROM_BAND, AGE_BAND_COUNT, type Target } from '../../../shared/model/types';
import { LABEL_WIDTH, METRIC_FORMAT, atMost, names, yearColumns, yearWidths, type BoardContext, type ScenarioBook } from './board-kit';
import { addSummaryCharts, type ChartImages } from './chart-images';
import { summaryFan } from './uncertainty-sheet';
import { col, formula, type FormulaModel } from './formulas';
import { FORMAT, SheetWriter, colLetter, put } from './sheet-kit';

const RAG_STYLES: [string, string, string][] = [
  ['Green: met', 'FF009639', 'FFFFFFFF'],
  ['Amber: close', 'FFFFB81C', 'FF231F20'],
  ['Red: missed', 'FFDA291C', 'FFFFFFFF'],
  ['Not set', 'FFE8EDEE', 'FF231F20'],
];
/** Below every vacancy rate, standing in for a year without demand (the engine skips those years). */
const NO_DEMAND = '-9.99E+307';
/** Chains longer than this are written as one SUM (Excel allows 8,192 characters in a formula). */
const MAX_CHAIN = 150;

const q = (sheet: string) => `'${sheet.replace(/'/g, "''")}'`;
const chain = (terms: readonly string[]) => (terms.length === 0 ? '0' : terms.join('+'));

/** A target's projected value as a formula, in the engine's order of addition; null outside the plan. */
function projectedFormula(book: ScenarioBook, model: FormulaModel, t: Target): string | null {
  const years = book.result.years;
  const i = t.year - years[0]!;
  if (i < 0 || i >= years.length) return null;
  const wanted = new Set(t.pipelineIds);
  const pipes = book.inputs.pipelines.map((p, k) => ({ p, k })).filter(({ p }) => wanted.has(p.id));
  const upTo = (f: (k: number, tau: number) => string) => chain(pipes.flatMap(({ k }) => Array.from({ length: i + 1 }, (_, tau) => f(k, tau))));
  const cells = book.result.cells
    .map((c, n) => ({ c, n }))
    .filter(({ c }) => (t.orgId === null || c.orgId === t.orgId) && (t.roleId === null || c.roleId === t.roleId));
  const cellSum = (f: (n: number) => string) => {
    if (cells.length <= MAX_CHAIN) return chain(cells.map(({ n }) => f(n)));
    return `SUM(${cells.map(({ n }) => f(n)).join(',')})`;
  };
  switch (t.metric) {
    case 'trained-cumulative':
      return upTo((k, tau) => model.pipelineRef(k, tau, 'completers'));
    case 'starts-cumulative':
      return upTo((k, tau) => model.startsRef(k, tau));
    case 'joined-cumulative':
      return upTo((k, tau) => model.pipelineRef(k, tau, 'joined'));
    case 'learners-in-training':
      return chain(pipes.map(({ k }) => model.pipelineRef(k, i, 'learners')));
    case 'supply-fte':
      return cellSum((n) => model.cellRef(n, i, 'closing'));
    case 'supply-change-fte':
      return cellSum((n) => `(${model.cellRef(n, i, 'closing')}-${model.cellRef(n, 0, 'opening')})`);
    case 'vacancy-rate': {
      const d = cellSum((n) => model.cellRef(n, i, 'demand'));
      return `IF((${d})<>0,(${cellSum((n) => model.cellRef(n, i, 'gap'))})/(${d}),0)`;
    }
    case 'agency-cost':
      return cellSum((n) => model.cellRef(n, i, 'agencyCost'));
  }
}

/** The working behind the Summary (hidden): per role, judged for shortage; per cell, its peak shortfall and rank. */
interface SummaryWorking {
  roleRow(roleId: number): number;
  sheet: string;
  R: { peak: number; peakYear: number; leaver: number; aged: number; met: number; shortage: number };
  gapRank: string;
  gapColumn(what: 'label' | 'year' | 'supply' | 'demand' | 'supplyMinusDemand' | 'vacancy' | 'agency'): string;
}

function summaryWorking(ctx: BoardContext, book: ScenarioBook, model: FormulaModel, suffix: string): SummaryWorking {
  const w = new SheetWriter(ctx.wb, `Calc summary${suffix}`, ctx.taken);
  w.ws.state = 'hidden';
  const ws = w.ws;
  const S = ws.name;
  const years = book.result.years;
  const Y = years.length;
  const criteria = ctx.plan.criteria;
  const { org, role } = names(book.inputs);

  // Roles: system-wide vacancy by year, its peak, leaver rate and share aged 55+ (FTE-weighted).
  const roles = book.inputs.roles.filter((r) => book.result.cells.some((c) => c.roleId === r.id));
  const R = {
    id: 1,
    name: 2,
    d0: 3,
    g0: 3 + Y,
    v0: 3 + 2 * Y,
    peakRaw: 3 + 3 * Y,
    peak: 4 + 3 * Y,
    peakYear: 5 + 3 * Y,
    fte: 6 + 3 * Y,
    lw: 7 + 3 * Y,
    leaver: 8 + 3 * Y,
    aw: 9 + 3 * Y,
    aged: 10 + 3 * Y,
    metV: 11 + 3 * Y,
    metL: 12 + 3 * Y,
    metA: 13 + 3 * Y,
    met: 14 + 3 * Y,
    shortage: 15 + 3 * Y,
  };
  ['Role', 'Name'].forEach((h, c) => put(ws.getCell(1, c + 1), h));
  years.forEach((y, t) => {
    put(ws.getCell(1, R.d0 + t), `Demand ${yearLabel(y)}`);
    put(ws.getCell(1, R.g0 + t), `Shortfall ${yearLabel(y)}`);
    put(ws.getCell(1, R.v0 + t), yearLabel(y));
  });
  const heads: [number, string][] = [
    [R.peakRaw, 'Peak vacancy (raw)'],
    [R.peak, 'Peak vacancy'],
    [R.peakYear, 'Peak year'],
    [R.fte, 'FTE'],
    [R.lw, 'FTE × leaver rate'],
    [R.leaver, 'Leaver rate'],
    [R.aw, 'FTE aged 55+'],
    [R.aged, 'Share aged 55+'],
    [R.metV, 'Vacancy met'],
    [R.metL, 'Leaver met'],
    [R.metA, 'Aged met'],
    [R.met, 'Criteria met'],
    [R.shortage, 'Shortage?'],
  ];
  for (const [c, h] of heads) put(ws.getCell(1, c), h);
  const yearHeader = `$${col(R.v0)}$1:$${col(R.v0 + Y - 1)}$1`;
  const set = (thr: number | null) => thr !== null;
  const flag = (thr: number | null, value: string) => (thr === null ? 'FALSE' : `${value}>${thr}`);
  const roleRows = new Map<number, number>();
  roles.forEach((r, k) => {
    const row = 2 + k;
    roleRows.set(r.id, row);
    put(ws.getCell(row, R.id), r.id);
    put(ws.getCell(row, R.name), r.name);
    years.forEach((_, t) => {
      formula(ws.getCell(row, R.d0 + t), `SUMIFS(${model.cellColumn(t, 'demand')},${model.roleColumn},${model.roleIndex(r.id)})`);
      formula(ws.getCell(row, R.g0 + t), `SUMIFS(${model.cellColumn(t, 'gap')},${model.roleColumn},${model.roleIndex(r.id)})`);
      formula(ws.getCell(row, R.v0 + t), `IF(${col(R.d0 + t)}${row}>0,${col(R.g0 + t)}${row}/${col(R.d0 + t)}${row},${NO_DEMAND})`);
    });
    const vRow = `${col(R.v0)}${row}:${col(R.v0 + Y - 1)}${row}`;
    formula(ws.getCell(row, R.peakRaw), `MAX(${vRow})`);
    formula(ws.getCell(row, R.peak), `IF(${col(R.peakRaw)}${row}=${NO_DEMAND},0,${col(R.peakRaw)}${row})`);
    formula(ws.getCell(row, R.peakYear), `INDEX(${yearHeader},1,MATCH(${col(R.peakRaw)}${row},${vRow},0))`);
    // Over the role's workforce rows in the engine's order (a cell with no baseline adds nothing).
    const mine = book.result.cells.map((c, n) => ({ c, n })).filter(({ c }) => c.roleId === r.id);
    const fte = (n: number) => model.inputRef(n, 'fte');
    formula(ws.getCell(row, R.fte), chain(mine.map(({ n }) => fte(n))));
    formula(ws.getCell(row, R.lw), chain(mine.map(({ n }) => `${fte(n)}*${model.inputRef(n, 'leaverRate')}`)));
    formula(ws.getCell(row, R.leaver), `IF(${col(R.fte)}${row}>0,${col(R.lw)}${row}/${col(R.fte)}${row},0)`);
    const share = (n: number) => {
      const band = (b: number) => `MAX(0,${model.inputRef(n, { profileBand: b })})`;
      const all = Array.from({ length: AGE_BAND_COUNT }, (_, b) => band(b)).join('+');
      const older = Array.from({ length: AGE_BAND_COUNT - AGED_55_PLUS_FROM_BAND }, (_, b) => band(AGED_55_PLUS_FROM_BAND + b)).join('+');
      return `IF((${all})>0,(${older})/(${all}),${(AGE_BAND_COUNT - AGED_55_PLUS_FROM_BAND) / AGE_BAND_COUNT})`;
    };
    formula(ws.getCell(row, R.aw), chain(mine.map(({ n }) => `${fte(n)}*${share(n)}`)));
    formula(ws.getCell(row, R.aged), `IF(${col(R.fte)}${row}>0,${col(R.aw)}${row}/${col(R.fte)}${row},0)`);
    formula(ws.getCell(row, R.metV), flag(criteria.vacancyRateAbove, `${col(R.peak)}${row}`));
    formula(ws.getCell(row, R.metL), flag(criteria.leaverRateAbove, `${col(R.leaver)}${row}`));
    formula(ws.getCell(row, R.metA), flag(criteria.aged55PlusAbove, `${col(R.aged)}${row}`));
    const [v, l, a] = [R.metV, R.metL, R.metA].map((c) => `${col(c)}${row}`) as [string, string, string];
    const words = (x: boolean, y: boolean, z: boolean) =>
      [x ? 'vacancy rate' : '', y ? 'leaver rate' : '', z ? 'aged 55+' : ''].filter(Boolean).join(', ') || 'none';
    const tree = (x: boolean | null, y: boolean | null): string =>
      x === null
        ? `IF(${v},${tree(true, null)},${tree(false, null)})`
        : y === null
          ? `IF(${l},${tree(x, true)},${tree(x, false)})`
          : `IF(${a},"${words(x, y, true)}","${words(x, y, false)}")`;
    formula(ws.getCell(row, R.met), tree(null, null));
    const setFlags = [set(criteria.vacancyRateAbove) ? v : null, set(criteria.leaverRateAbove) ? l : null, set(criteria.aged55PlusAbove) ? a : null].filter(
      (x): x is string => x !== null,
    );
    const judged = setFlags.length === 0 ? 'FALSE' : criteria.mode === 'any' ? `OR(${setFlags.join(',')})` : `AND(${setFlags.join(',')})`;
    formula(ws.getCell(row, R.shortage), `IF(${judged},"Shortage","No")`);
  });

  // Cells: the shortfall (demand − supply) each year, its peak and first worst year, and rank.
  const N = book.result.cells.length;
  const C0 = roles.length + 4;
  const C = { label: 1, g0: 2, peak: 2 + Y, worst: 3 + Y, rank: 4 + Y, year: 5 + Y, supply: 6 + Y, demand: 7 + Y, sd: 8 + Y, vacancy: 9 + Y, agency: 10 + Y };
  put(ws.getCell(C0 - 1, C.label), 'Organisation and role');
  years.forEach((y, t) => put(ws.getCell(C0 - 1, C.g0 + t), yearLabel(y)));
  (
    [
      [C.peak, 'Peak shortfall'],
      [C.worst, 'Worst year (position)'],
      [C.rank, 'Rank'],
      [C.year, 'Worst year'],
      [C.supply, 'Supply'],
      [C.demand, 'Demand'],
      [C.sd, 'Supply − demand'],
      [C.vacancy, 'Vacancy'],
      [C.agency, 'Agency cost'],
    ] as [number, string][]
  ).forEach(([c, h]) => put(ws.getCell(C0 - 1, c), h));
  const peakCol = `$${col(C.peak)}$${C0}:$${col(C.peak)}$${C0 + N - 1}`;
  const gYears = `$${col(C.g0)}$${C0 - 1}:$${col(C.g0 + Y - 1)}$${C0 - 1}`;
  book.result.cells.forEach((c, n) => {
    const row = C0 + n;
    put(ws.getCell(row, C.label), `${role.get(c.roleId) ?? `Role ${c.roleId}`}, ${org.get(c.orgId) ?? `Organisation ${c.orgId}`}`);
    years.forEach((_, t) => formula(ws.getCell(row, C.g0 + t), model.cellRef(n, t, 'gap')));
    const gRow = `${col(C.g0)}${row}:${col(C.g0 + Y - 1)}${row}`;
    const peak = `${col(C.peak)}${row}`;
    formula(ws.getCell(row, C.peak), `MAX(${gRow})`);
    formula(ws.getCell(row, C.worst), `MATCH(${peak},${gRow},0)`);
    const earlier = n === 0 ? '' : `+SUMPRODUCT(--($${col(C.peak)}$${C0}:$${col(C.peak)}$${row - 1}=${peak}))`;
    formula(ws.getCell(row, C.rank), `IF(${peak}>=${SHORTFALL_SHOWN_FROM},1+SUMPRODUCT(--(${peakCol}>${peak}))${earlier},0)`);
    const w = `${col(C.worst)}${row}`;
    const pick = (f: (t: number) => string) => `CHOOSE(${w},${years.map((_, t) => f(t)).join(',')})`;
    formula(ws.getCell(row, C.year), `INDEX(${gYears},1,${w})`);
    formula(
      ws.getCell(row, C.supply),
      pick((t) => model.cellRef(n, t, 'closing')),
    );
    formula(
      ws.getCell(row, C.demand),
      pick((t) => model.cellRef(n, t, 'demand')),
    );
    formula(ws.getCell(row, C.sd), `${col(C.supply)}${row}-${col(C.demand)}${row}`);
    formula(
      ws.getCell(row, C.vacancy),
      pick((t) => model.cellRef(n, t, 'vacancyRate')),
    );
    formula(
      ws.getCell(row, C.agency),
      pick((t) => model.cellRef(n, t, 'agencyCost')),
    );
  });
  const colRange = (c: number) => `${q(S)}!$${col(c)}$${C0}:$${col(c)}$${C0 + Math.max(N, 1) - 1}`;
  const gapColumns = { label: C.label, year: C.year, supply: C.supply, demand: C.demand, supplyMinusDemand: C.sd, vacancy: C.vacancy, agency: C.agency };
  return {
    sheet: S,
    roleRow: (id) => roleRows.get(id) ?? 0,
    R,
    gapRank: colRange(C.rank),
    gapColumn: (what) => colRange(gapColumns[what]),
  };
}

/** The live Summary for every scenario, its working, and the charts (as exported). */
export function formulaSummary(ctx: BoardContext, s: SheetWriter, models: FormulaModel[], images: ChartImages | null): void {
  const { wb, plan, books } = ctx;
  const compared = books.length > 1;
  const workings = models.map((m, i) => summaryWorking(ctx, m.book, m, compared ? ` ${books[i]!.scenario.name}` : ''));
  const first = books[0]!;
  const years = first.result.years;
  const Y = years.length;
  const last = Y - 1;
  const horizon = yearLabel(years[last]!);
  const span = `${yearLabel(years[0]!)} to ${horizon}`;
  s.title(
    'Summary',
    `${compared ? `Scenarios: ${books.map((b) => b.scenario.name).join(' vs ')}` : `Scenario: ${first.scenario.name}`}. Live formulas over Inputs.`,
  );
  const ref = (sheet: string, r: number, c: number) => `${q(sheet)}!$${col(c)}$${r}`;

  // Totals rows are written first (lower down), so the headline can point at them.
  const glance = s.row;
  s.row += 8;

  s.line(['System totals by year'], [], { bold: true });
  const totalsRows: { supply: number; demand: number; agency: number; training: number }[] = [];
  models.forEach((m, k) => {
    s.header([{ header: compared ? `Measure: ${books[k]!.scenario.name}` : 'Measure' }, ...yearColumns(years)]);
    const row = (label: string, fmt: string, f: (t: number, r: number) => string) => {
      const r = s.line([label]);
      years.forEach((_, t) => formula(r.getCell(2 + t), f(t, r.number), fmt));
      return r.number;
    };
    const supply = row('Supply (FTE)', FORMAT.fte, (t) => `SUM(${m.cellColumn(t, 'closing')})`);
    const demand = row('Demand (FTE)', FORMAT.fte, (t) => `SUM(${m.cellColumn(t, 'demand')})`);
    row('Supply − demand (FTE)', FORMAT.gap, (t) => `${col(2 + t)}${supply}-${col(2 + t)}${demand}`);
    const agency = row('Agency cost implied by the shortfall (£)', FORMAT.money, (t) => `SUM(${m.cellColumn(t, 'agencyCost')})`);
    const training = row('Training cost (£)', FORMAT.money, (t) => (m.book.inputs.pipelines.length > 0 ? `SUM(${m.pipelineColumn(t, 'cost')})` : '0'));
    totalsRows.push({ supply, demand, agency, training });
  });
  s.gapRow();
  summaryFan(s, books, true);
  const afterTotals = s.row;

  // Headline figures, pointing at the totals.
  s.row = glance;
  s.line(['At a glance'], [], { bold: true });
  s.header([{ header: 'Measure' }, ...books.map((b) => ({ header: compared ? b.scenario.name : 'Value', format: FORMAT.fte }))]);
  const yc = col(2 + last);
  const headline: [string, string, (k: number) => string][] = [
    [`Supply in ${horizon} (FTE)`, FORMAT.fte, (k) => `${yc}${totalsRows[k]!.supply}`],
    [`Demand in ${horizon} (FTE)`, FORMAT.fte, (k) => `${yc}${totalsRows[k]!.demand}`],
    [`Supply − demand in ${horizon} (FTE)`, FORMAT.gap, (k) => `${yc}${totalsRows[k]!.supply}-${yc}${totalsRows[k]!.demand}`],
    [`Agency cost implied by the shortfall, ${span} (£)`, FORMAT.money, (k) => `SUM(B${totalsRows[k]!.agency}:${yc}${totalsRows[k]!.agency})`],
    [`Training cost, ${span} (£)`, FORMAT.money, (k) => `SUM(B${totalsRows[k]!.training}:${yc}${totalsRows[k]!.training})`],
  ];
  for (const [label, fmt, f] of headline) {
    const r = s.line([label]);
    books.forEach((_, k) => formula(r.getCell(2 + k), f(k), fmt));
  }
  s.row = afterTotals;

  // Targets.
  s.line(['Targets'], [], { bold: true });
  const statusCells: string[] = [];
  models.forEach((m, k) => {
    const b = books[k]!;
    if (compared) s.line([`Scenario: ${b.scenario.name}`], [], { bold: true });
    s.header([
      { header: 'Target' },
      { header: 'By' },
      { header: 'Target value', format: FORMAT.fte },
      { header: 'Projected', format: FORMAT.fte },
      { header: 'Status' },
      { header: 'Short by', format: FORMAT.fte },
      { header: 'Why' },
    ]);
    for (const t of plan.targets) {
      const fmt = METRIC_FORMAT[t.metric] ?? FORMAT.fte;
      const engineTarget = b.targets.find((x) => x.id === t.id);
      const projected = engineTarget ? projectedFormula(b, m, engineTarget) : null;
      const r = s.line([t.name, yearLabel(t.year), t.value ?? 'not set'], [undefined, undefined, t.comparison === 'at-most' ? atMost(fmt) : fmt], {
        top: true,
      });
      const P = `D${r.number}`;
      if (projected === null) {
        put(r.getCell(4), 'not set');
        put(r.getCell(5), 'Not set');
        put(r.getCell(7), `${yearLabel(t.year)} is outside the plan (${span})`);
      } else {
        formula(r.getCell(4), projected, fmt);
        if (t.value === null) {
          put(r.getCell(5), 'Not set');
          put(r.getCell(7), 'Target value not set');
        } else {
          const shortBy = t.comparison === 'at-least' ? `${t.value}-${P}` : `${P}-${t.value}`;
          const eps = 1e-9 * Math.max(1, Math.abs(t.value));
          const close = 0.1 * Math.abs(t.value) + eps;
          formula(r.getCell(5), `IF(${shortBy}<=${eps},"Green: met",IF(${shortBy}<=${close},"Amber: close","Red: missed"))`);
          formula(r.getCell(6), `MAX(0,${shortBy})`, fmt);
          formula(
            r.getCell(7),
            `IF(${shortBy}<=${eps},"Met",IF(${shortBy}<=${close},"Close: missed by no more than 10 % of the target","Missed by more than 10 % of the target"))`,
          );
        }
      }
      r.getCell(5).font = { bold: true };
      statusCells.push(`E${r.number}`);
    }
    if (plan.targets.length === 0) s.line(['No targets are set in this plan.'], [], { overflow: true });
  });
  // Status in words and colour: the colour follows the formula.
  for (const cell of statusCells) {
    s.ws.addConditionalFormatting({
      ref: cell,
      rules: RAG_STYLES.map(([text, fill, font], priority) => ({
        type: 'expression',
        priority: priority + 1,
        formulae: [`${cell}="${text}"`],
        style: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: fill } }, font: { bold: true, color: { argb: font } } },
      })),
    });
  }
  s.gapRow();

  // Shortage roles, every role judged by formula.
  s.line(['Shortage roles'], [], { bold: true });
  s.line([describeShortageCriteria(plan.criteria)], [], { overflow: true });
  models.forEach((m, k) => {
    const w = workings[k]!;
    s.header([
      { header: compared ? `Role: ${books[k]!.scenario.name}` : 'Role' },
      { header: 'Peak vacancy', format: FORMAT.percent },
      { header: 'Peak year' },
      { header: 'Leaver rate', format: FORMAT.percent },
      { header: 'Aged 55+', format: FORMAT.percent },
      { header: 'Shortage?' },
      { header: 'Criteria met' },
    ]);
    for (const r of m.book.inputs.roles) {
      const wr = w.roleRow(r.id);
      if (!wr) continue;
      const row = s.line([r.name]);
      formula(row.getCell(2), ref(w.sheet, wr, w.R.peak), FORMAT.percent);
      formula(row.getCell(3), ref(w.sheet, wr, w.R.peakYear));
      formula(row.getCell(4), ref(w.sheet, wr, w.R.leaver), FORMAT.percent);
      formula(row.getCell(5), ref(w.sheet, wr, w.R.aged), FORMAT.percent);
      formula(row.getCell(6), ref(w.sheet, wr, w.R.shortage));
      formula(row.getCell(7), ref(w.sheet, wr, w.R.met));
      row.getCell(6).font = { bold: true };
    }
  });
  s.gapRow();

  // Biggest gaps, ranked by formula.
  s.line(['Biggest gaps: each organisation and role at its largest shortfall'], [], { bold: true });
  models.forEach((_, k) => {
    const w = workings[k]!;
    s.header([
      { header: compared ? `Organisation and role: ${books[k]!.scenario.name}` : 'Organisation and role' },
      { header: 'Worst year' },
      { header: 'Supply (FTE)', format: FORMAT.fte },
      { header: 'Demand (FTE)', format: FORMAT.fte },
      { header: 'Supply − demand (FTE)', format: FORMAT.gap },
      { header: 'Vacancy', format: FORMAT.percent },
      { header: 'Agency cost (£)', format: FORMAT.money },
    ]);
    for (let n = 1; n <= 10; n++) {
      const row = s.line([]);
      const at = (what: Parameters<SummaryWorking['gapColumn']>[0]) =>
        `IF(COUNTIF(${w.gapRank},${n})=0,"",INDEX(${w.gapColumn(what)},MATCH(${n},${w.gapRank},0)))`;
      formula(row.getCell(1), at('label'));
      formula(row.getCell(2), at('year'));
      formula(row.getCell(3), at('supply'), FORMAT.fte);
      formula(row.getCell(4), at('demand'), FORMAT.fte);
      formula(row.getCell(5), at('supplyMinusDemand'), FORMAT.gap);
      formula(row.getCell(6), at('vacancy'), FORMAT.percent);
      formula(row.getCell(7), at('agency'), FORMAT.money);
    }
  });
  yearWidths(s.ws, [LABEL_WIDTH], Y);
  const reach = images
    ? addSummaryCharts(wb, s.ws, images, Y + 3, 'These charts are pictures of the numbers as exported: they do not change when Inputs change.')
    : { lastRow: 0, lastCol: Y + 1 };
  s.ws.pageSetup.printArea = `A1:${colLetter(reach.lastCol)}${Math.max(s.row, reach.lastRow)}`;
  s.finish(ctx.page, { onePage: true });
}
