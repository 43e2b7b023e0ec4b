/**
 * "How sure are we": the selected scenario's simulation on the dashboard. The fan chart of
 * supply against demand for every organisation and role together, the percentiles behind it,
 * and the tornado of the inputs that move the supply − demand gap (or a target) most. Runs in
 * main's worker; this panel shows its progress with a Cancel button, and keeps the last finished
 * result on screen while a new one is worked out.
 */
import { memo, useId, useState } from 'react';
import type { TargetDto } from '../../../../shared/api/dto';
import type { UncertaintyView } from '../../../../shared/api/channels/uncertainty';
import { RUN_CHOICES } from '../../../../shared/api/channels/uncertainty';
import { formatFte, formatMoney, formatMoneyShort, formatPercent, yearLabel } from '../../../../shared/format';
import { rankForGap, rankForTarget } from '../../../../shared/model/sensitivity';
import { useSimulationProgress, useUncertainty, type UncertaintyState } from '../../app/uncertainty';
import { FanChart } from '../../charts/FanChart';
import { DataTable } from '../../components/DataTable';
import { YearTable } from '../../components/YearTable';
import { TornadoChart } from '../../charts/TornadoChart';
import { formatTargetValue } from '../projection/labels';
import { formatGap } from '../projection/numbers';
import { FillTypicalRanges } from './FillTypicalRanges';
import { surplusBands } from './shapes';

/** "62.0% chance of being met"; null when the target cannot be judged. */
export function chanceText(probability: number | null): string | null {
  return probability === null ? null : `${formatPercent(probability)} chance of being met`;
}

/** The run under way, with its progress and a Cancel button; or why the last one stopped. */
export function SimulationStatus({ u, compact = false }: { u: UncertaintyState; compact?: boolean }) {
  const id = useId();
  const running = useSimulationProgress();
  if (running) {
    const pct = running.fraction === null ? null : Math.round(running.fraction * 100);
    return (
      <div className="simulation-status" role="status">
        <span id={`${id}-l`}>
          {u.result ? 'Updating the simulation' : 'Simulating'}: {running.message}
        </span>
        <div
          className="progress"
          role="progressbar"
          aria-labelledby={`${id}-l`}
          aria-valuemin={0}
          aria-valuemax={100}
          {...(pct === null ? {} : { 'aria-valuenow': pct })}
        >
          {/* Scaled, not resized: moving the bar needs no layout of the page around it. */}
          <div
            className={pct === null ? 'progress-bar progress-indeterminate' : 'progress-bar progress-scaled'}
            style={pct === null ? undefined : { transform: `scaleX(${pct / 100})` }}
          />
        </div>
        <button type="button" className="button button-secondary" onClick={u.cancel}>
          Cancel
        </button>
      </div>
    );
  }
  if (u.problem) {
    return (
      <div className="simulation-status" role="status">
        <span>
          {u.problem}
          {u.result ? ' The figures shown are from the last finished run.' : ''}
        </span>
        <button type="button" className="button button-secondary" onClick={u.runAgain}>
          Run again
        </button>
      </div>
    );
  }
  if (compact || !u.result) return null;
  return (
    <p className="muted simulation-status" role="status">
      {u.result.runs.toLocaleString('en-GB')} runs, seed {u.result.seed}, in {(u.result.elapsedMs / 1000).toFixed(1)} s.
    </p>
  );
}

type Measure = { kind: 'gap' } | { kind: 'target'; targetId: number };

/** Drawn again only when a new result lands, not on every change of the run's state. */
const FanAndTable = memo(function FanAndTable({ r }: { r: UncertaintyView }) {
  const years = r.years.map(yearLabel);
  const last = years.length - 1;
  const t = r.totals;
  const surplus = surplusBands(t.gap);
  const range = (b: { p10: number[]; p90: number[] }, i: number, f: (v: number) => string) => `${f(b.p10[i] ?? 0)} to ${f(b.p90[i] ?? 0)}`;
  return (
    <>
      <FanChart
        title={`Supply and demand (FTE), ${years[0]} to ${years[last]}: ${r.runs.toLocaleString('en-GB')} simulated runs`}
        summary={`In ${years[last]}, supply is between ${range(t.supply, last, formatFte)} FTE in 80 % of runs (median ${formatFte(t.supply.p50[last] ?? 0)}); demand's median is ${formatFte(t.demand.p50[last] ?? 0)} FTE.`}
        categories={years}
        supply={t.supply}
        demand={t.demand}
        yLabel="FTE"
      />
      <YearTable
        className="data-table compact-table uncertainty-table"
        numClass="num-col"
        caption="The numbers behind the fan: P10 (low), P50 (median) and P90 (high) at each year end"
        yearHeading="Financial year"
        years={years}
        rows={(
          [
            ['Supply P10', t.supply.p10, formatFte],
            ['Supply P50', t.supply.p50, formatFte],
            ['Supply P90', t.supply.p90, formatFte],
            ['Demand P50', t.demand.p50, formatFte],
            ['Supply − demand P10', surplus.p10, (v: number) => formatGap(-v)],
            ['Supply − demand P50', surplus.p50, (v: number) => formatGap(-v)],
            ['Supply − demand P90', surplus.p90, (v: number) => formatGap(-v)],
            ['Agency cost P50', t.agencyCost.p50, formatMoneyShort],
            ['Agency cost P90', t.agencyCost.p90, formatMoneyShort],
          ] as const
        ).map(([label, values, f]) => ({
          label,
          values,
          cell: (v: number) => f(v),
          cellClass: label.startsWith('Supply − demand') ? (v: number) => (v < -0.05 ? 'shortfall' : undefined) : undefined,
        }))}
      />
      <p className="muted">
        Agency cost implied by the gap over {years[0]} to {years[last]}: median{' '}
        <span title={formatMoney(r.agencyCostTotal.p50)}>{formatMoneyShort(r.agencyCostTotal.p50)}</span>, P90{' '}
        <span title={formatMoney(r.agencyCostTotal.p90)}>{formatMoneyShort(r.agencyCostTotal.p90)}</span> (one run in ten costs more than this).
      </p>
    </>
  );
});

const Tornado = memo(function Tornado({ r, targets }: { r: UncertaintyView; targets: TargetDto[] }) {
  const id = useId();
  const [year, setYear] = useState(r.years.length - 1);
  const [measure, setMeasure] = useState<Measure>({ kind: 'gap' });
  const judged = targets.filter((t) => r.tornado.targetIds.includes(t.id) && r.tornado.baseTargets[r.tornado.targetIds.indexOf(t.id)] !== null);
  const target = measure.kind === 'target' ? judged.find((t) => t.id === measure.targetId) : undefined;
  const y = Math.min(year, r.years.length - 1);
  let rows;
  let base: number;
  let format: (v: number) => string;
  let what: string;
  if (target) {
    rows = rankForTarget(r.tornado, target.id);
    base = r.tornado.baseTargets[r.tornado.targetIds.indexOf(target.id)]!;
    format = (v) => formatTargetValue(target.metric, v);
    what = `${target.name} (${yearLabel(target.year)})`;
  } else {
    // Shown as supply − demand, the way the rest of the app writes a gap.
    rows = rankForGap(r.tornado, y).map((b) => ({ ...b, atLow: -b.atLow, atHigh: -b.atHigh }));
    base = -(r.tornado.baseGap[y] ?? 0);
    format = (v) => formatGap(-v);
    what = `supply − demand in ${yearLabel(r.years[y] ?? 0)}, FTE`;
  }
  const choice = measure.kind === 'gap' ? 'gap' : String(measure.targetId);
  return (
    <section className="panel" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>Which assumption matters most</h3>
      <div className="filter-row">
        <label htmlFor={`${id}-m`}>Tornado of</label>
        <select
          id={`${id}-m`}
          value={choice}
          onChange={(e) => setMeasure(e.target.value === 'gap' ? { kind: 'gap' } : { kind: 'target', targetId: Number(e.target.value) })}
        >
          <option value="gap">Supply − demand, all organisations</option>
          {judged.map((t) => (
            <option key={t.id} value={String(t.id)}>
              Target: {t.name}
            </option>
          ))}
        </select>
        {measure.kind === 'gap' ? (
          <>
            <label htmlFor={`${id}-y`}>in</label>
            <select id={`${id}-y`} value={y} onChange={(e) => setYear(Number(e.target.value))}>
              {r.years.map((yy, i) => (
                <option key={yy} value={i}>
                  {yearLabel(yy)}
                </option>
              ))}
            </select>
          </>
        ) : null}
      </div>
      {rows.length === 0 ? (
        <p>No input with a range moves {what}.</p>
      ) : (
        <>
          <p className="muted">
            Each input at its low and at its high values, with every other input at its central value. The line is the central projection ({format(base)}).
          </p>
          <TornadoChart
            title={`Which assumption moves ${what} most`}
            summary={rows.map((b) => `${b.label}: ${format(b.atLow)} at its low values, ${format(b.atHigh)} at its high values`).join('; ')}
            rows={rows}
            base={base}
            format={format}
          />
          <DataTable
            className="data-table compact-table tornado-table"
            numClass="num-col"
            caption={<>The tornado's numbers: {what}, with each input at its low and high values</>}
            rows={rows}
            rowKey={(b) => b.key}
            columns={[
              { header: 'Input', rowHeader: true, cell: (b) => b.label },
              { header: 'At its low values', numeric: true, cell: (b) => format(b.atLow) },
              { header: 'At its high values', numeric: true, cell: (b) => format(b.atHigh) },
            ]}
          />
        </>
      )}
    </section>
  );
});

function NoRanges() {
  return (
    <div className="no-ranges">
      <p>
        No input of this scenario has a range, so its projection is one line. Give a low and a high value beside the central one in Baseline (leaver rate,
        retirement, agency share), Pipelines (attrition, conversion, intake fill), Other joiners and Demand (growth), or fill typical ranges.
      </p>
      <FillTypicalRanges />
    </div>
  );
}

export function UncertaintyPanel({ targets }: { targets: TargetDto[] }) {
  const u = useUncertainty();
  const id = useId();
  const r = u.result;
  return (
    <section className="panel uncertainty-panel" aria-labelledby={`${id}-h`} aria-busy={u.busy}>
      <h2 id={`${id}-h`}>How sure are we</h2>
      <div className="filter-row">
        <label htmlFor={`${id}-runs`}>Runs</label>
        <select id={`${id}-runs`} value={u.runs} onChange={(e) => u.setRuns(Number(e.target.value))}>
          {RUN_CHOICES.map((n) => (
            <option key={n} value={n}>
              {n.toLocaleString('en-GB')}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-seed`}>Seed</label>
        <input
          id={`${id}-seed`}
          className="seed-input"
          type="number"
          min={0}
          step={1}
          value={u.seed}
          onChange={(e) => {
            const v = Number(e.target.value);
            if (Number.isInteger(v) && v >= 0 && v < 2 ** 31) u.setSeed(v);
          }}
        />
        <SimulationStatus u={u} />
      </div>
      {r && r.varying === 0 ? <NoRanges /> : null}
      {r && r.varying > 0 ? (
        <>
          <p className="muted">
            {r.varying} {r.varying === 1 ? 'assumption has' : 'assumptions have'} a range (one shared by several organisations counts once). Each run draws
            every one of them between its low and high values, most often near the central one, and projects the plan; the band holds the middle 80 % of the
            runs: in one run in ten supply is below it, in one in ten above.
          </p>
          <FanAndTable r={r} />
          <Tornado r={r} targets={targets} />
        </>
      ) : null}
      {!r && !u.busy && !u.problem ? <p role="status">Simulating…</p> : null}
      {u.stale && r && !u.busy ? <p className="muted">The plan has changed: the simulation will update in a moment.</p> : null}
    </section>
  );
}
