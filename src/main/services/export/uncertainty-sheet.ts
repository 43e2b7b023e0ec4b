/**
 * The board workbook's uncertainty: an Uncertainty sheet per scenario (percentiles of the totals,
 * each target's chance, the tornado, and each organisation × role's percentiles) and the fan
 * chart's numbers on the Summary. Every number comes from the simulation (runSimulation), as
 * the window shows it; nothing is recomputed here.
 */
import type { BandsDto, UncertaintyResult } from '../../../shared/api/channels/uncertainty';
import { yearLabel } from '../../../shared/format';
import { rankForGap, rankForTarget } from '../../../shared/model/sensitivity';
import type { BoardContext, ScenarioBook, UncertaintyOptions } from './board-kit';

export type { UncertaintyOptions } from './board-kit';
import { FORMAT, SheetWriter } from './sheet-kit';

const METHOD =
  'Each run draws every input that has a range from a triangular distribution between its low and high values, most likely at its central value, and projects the plan. P10, P50 and P90 are the values below which 10 %, 50 % and 90 % of the runs fall (as Excel’s PERCENTILE.INC); the chance of a target is the share of runs in which it is met.';

/**
 * Supply − demand (a shortfall negative, as the workbook writes a gap) from the simulation's gap
 * percentiles (demand − supply): the runs' order reverses, so P10 of one is minus P90 of the other.
 */
export function surplusBands(gap: BandsDto): BandsDto {
  return { p10: gap.p90.map((v) => 0 - v), p50: gap.p50.map((v) => 0 - v), p90: gap.p10.map((v) => 0 - v) };
}

/** Where the Summary's fan numbers come from, in words: they are simulation output, not formulas. */
export const fanSource = (u: Pick<UncertaintyResult, 'runs' | 'seed'>): string => `simulated: ${u.runs.toLocaleString('en-GB')} runs, seed ${u.seed}`;

const targetFormat = (metric: string): string => (metric === 'vacancy-rate' ? FORMAT.percent : metric === 'agency-cost' ? FORMAT.money : FORMAT.fte);

/** The Uncertainty sheet of one scenario. Cells are left out when the workbook suppresses small numbers (they could reveal them). */
export function uncertaintySheet(ctx: BoardContext, book: ScenarioBook, u: UncertaintyResult): void {
  const { wb, taken, plan } = ctx;
  const compared = ctx.books.length > 1;
  const suppressed = ctx.options.suppressBelow !== null;
  const s = new SheetWriter(wb, compared ? `Uncertainty ${book.scenario.name}` : 'Uncertainty', taken);
  const years = u.years.map(yearLabel);
  const last = years.length - 1;
  s.title(`How sure are we: ${book.scenario.name}`, `${u.runs.toLocaleString('en-GB')} simulated runs, seed ${u.seed}; ${u.varying} assumptions with a range.`);
  s.line([METHOD]);
  s.line(['Supply − demand: a shortfall is negative (red, with a minus sign). Ranges and their sources are in the Assumptions register.']);
  s.gapRow();
  if (u.varying === 0) {
    s.line(['No input of this scenario has a range: every run is the central projection, so each percentile equals it.'], [], { bold: true });
    s.gapRow();
  }

  s.line(['System totals by year'], [], { bold: true });
  const head = s.header(['Measure', 'Percentile', ...years]);
  s.freeze(2, head);
  const t = u.totals;
  for (const [label, b, fmt] of [
    ['Supply (FTE)', t.supply, FORMAT.fte],
    ['Demand (FTE)', t.demand, FORMAT.fte],
    ['Supply − demand (FTE)', surplusBands(t.gap), FORMAT.gap],
    ['Agency cost (£)', t.agencyCost, FORMAT.money],
  ] as const) {
    for (const q of ['p10', 'p50', 'p90'] as const) s.line([label, q.toUpperCase(), ...b[q]], [undefined, undefined, ...years.map(() => fmt)]);
  }
  s.line(['Agency cost over the horizon (£)', 'P50', u.agencyCostTotal.p50], [undefined, undefined, FORMAT.money]);
  s.line(['Agency cost over the horizon (£)', 'P90', u.agencyCostTotal.p90], [undefined, undefined, FORMAT.money]);
  s.gapRow();

  s.line(['Targets: the chance of being met'], [], { bold: true });
  s.header(['Target', 'By', 'Target value', 'Projected (central)', 'P10', 'P50', 'P90', 'Chance of being met']);
  const central = new Map(book.result.targets.map((x) => [x.targetId, x.projected]));
  for (const target of plan.targets) {
    const c = u.targets.find((x) => x.targetId === target.id);
    const fmt = targetFormat(target.metric);
    if (!c || c.probability === null || !c.projected) {
      s.line(
        [target.name, yearLabel(target.year), target.value ?? 'not set', central.get(target.id) ?? 'not set', null, null, null, 'cannot be judged'],
        [undefined, undefined, fmt, fmt],
      );
      continue;
    }
    s.line(
      [target.name, yearLabel(target.year), target.value, central.get(target.id) ?? null, c.projected.p10, c.projected.p50, c.projected.p90, c.probability],
      [undefined, undefined, fmt, fmt, fmt, fmt, fmt, FORMAT.percent],
    );
  }
  if (plan.targets.length === 0) s.line(['No targets are set in this plan.']);
  s.gapRow();

  s.line([`Which assumption matters most: supply − demand in ${years[last]} (FTE), each input at its low and its high values with the others central`], [], {
    bold: true,
  });
  s.header(['Input', 'Supply − demand with it low', 'Supply − demand with it high', 'Swing']);
  s.line(['Central projection', 0 - (u.tornado.baseGap[last] ?? 0)], [undefined, FORMAT.gap]);
  const bars = rankForGap(u.tornado, last, 15);
  for (const b of bars) s.line([b.label, 0 - b.atLow, 0 - b.atHigh, b.swing], [undefined, FORMAT.gap, FORMAT.gap, FORMAT.fte]);
  if (bars.length === 0) s.line(['No input with a range moves the gap.']);
  for (const target of plan.targets) {
    const ranked = rankForTarget(u.tornado, target.id, 5);
    if (ranked.length === 0) continue;
    const fmt = targetFormat(target.metric);
    s.gapRow();
    s.line([`Which assumption matters most: ${target.name} (${yearLabel(target.year)})`], [], { bold: true });
    s.header(['Input', 'With it low', 'With it high']);
    for (const b of ranked) s.line([b.label, b.atLow, b.atHigh], [undefined, fmt, fmt]);
  }
  s.gapRow();

  s.line(['By organisation and role'], [], { bold: true });
  if (suppressed) {
    s.line(['Left out: this workbook suppresses small numbers, and percentiles of one organisation and role could reveal them.']);
  } else {
    const org = new Map(book.inputs.organisations.map((o) => [o.id, o.name]));
    const role = new Map(book.inputs.roles.map((r) => [r.id, r.name]));
    s.header(['Organisation', 'Role', 'Measure', 'Percentile', ...years]);
    for (const c of u.cells) {
      for (const [label, b, fmt] of [
        ['Supply (FTE)', c.supply, FORMAT.fte],
        ['Demand (FTE)', c.demand, FORMAT.fte],
        ['Supply − demand (FTE)', surplusBands(c.gap), FORMAT.gap],
      ] as const) {
        for (const q of ['p10', 'p50', 'p90'] as const) {
          s.line(
            [org.get(c.orgId) ?? `Organisation ${c.orgId}`, role.get(c.roleId) ?? `Role ${c.roleId}`, label, q.toUpperCase(), ...b[q]],
            [undefined, undefined, undefined, undefined, ...years.map(() => fmt)],
          );
        }
      }
    }
  }
  s.fit(48);
  s.ws.getColumn(1).width = Math.max(s.ws.getColumn(1).width ?? 10, 40);
  s.finish(ctx.page, { titleRows: [head, head] });
}

/**
 * The Summary's fan chart, as its numbers: each simulated scenario's supply P10, P50 and P90
 * against demand, year by year (the picture is in the window and, with it, the board summary).
 */
export function summaryFan(s: SheetWriter, books: readonly ScenarioBook[], live = false): void {
  const simulated = books.filter((b) => b.uncertainty);
  if (simulated.length === 0) return;
  const u0 = simulated[0]!.uncertainty!;
  const years = u0.years.map(yearLabel);
  const compared = books.length > 1;
  s.line([`Fan chart: supply against demand, all organisations (${fanSource(u0)}; P10–P90 holds 80 % of runs)`], [], { bold: true });
  if (live) s.line(['These are the simulation’s results as exported, not formulas: they do not change when Inputs change.'], [], { overflow: true });
  for (const b of simulated) {
    const u = b.uncertainty!;
    const t = u.totals;
    s.header([{ header: compared ? `Measure: ${b.scenario.name} (${fanSource(u)})` : 'Measure' }, ...years.map((y) => ({ header: y, format: FORMAT.fte }))]);
    const hide = (values: number[]) => values.map((v, i) => (b.suppression.totalYearHidden(i) ? 'suppressed' : v));
    const fte = years.map(() => FORMAT.fte);
    s.line(['Supply P10 (FTE)', ...hide(t.supply.p10)], [undefined, ...fte]);
    s.line(['Supply P50 (FTE)', ...hide(t.supply.p50)], [undefined, ...fte]);
    s.line(['Supply P90 (FTE)', ...hide(t.supply.p90)], [undefined, ...fte]);
    s.line(['Demand P50 (FTE)', ...t.demand.p50], [undefined, ...fte]);
  }
  s.gapRow();
}

/** What the cover says about the simulation. */
export function uncertaintyCover(books: readonly ScenarioBook[], options: UncertaintyOptions | null | undefined): [string, string][] {
  if (!options) return [];
  const ranged = books.map((b) => `${b.scenario.name}: ${b.uncertainty?.varying ?? 0}`).join('; ');
  const filled = options.typicalRanges
    ? ' Empty ranges were filled with the typical (illustrative) ones for this workbook only; the plan was not changed.'
    : '';
  return [
    ['Uncertainty', `${options.runs.toLocaleString('en-GB')} simulated runs, seed ${options.seed}. Assumptions with a range: ${ranged}.${filled} ${METHOD}`],
  ];
}
