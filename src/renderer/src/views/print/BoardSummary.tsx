/**
 * The board summary as a printed paper: two to four A4 landscape pages of headline figures,
 * targets with their status and why, supply against demand, the system bridge, shortage roles,
 * the biggest gaps, the key assumptions with their status, and the plan file's SHA-256; with a
 * simulation of the scenario's ranges, the fan chart and each target's chance of being met.
 * Pure (props in, markup out): the app shows and prints it (PrintPreview), and the command
 * line renders the same markup without a window. Styles: board-summary.css.
 */
import type { BoardSummaryData } from '../../../../shared/api/channels/export';
import { formatFte, formatMadeOn, formatMoney, formatMoneyShort, formatPercent, yearLabel } from '../../../../shared/format';
import type { AssumptionStatus, RagStatus, TargetMetric } from '../../../../shared/model/types';
import { BridgeChartSvg } from '../../charts/BridgeChart';
import { FanChartSvg } from '../../charts/FanChart';
import { LineChartSvg } from '../../charts/LineChart';
import { YearTable } from '../../components/YearTable';
import { supplyDemandChart, supplyDemandFan, systemBridgeChart } from '../../charts/board-charts';
import { formatGap, isShortfall } from '../projection/numbers';

const RAG: Record<RagStatus, { icon: string; label: string }> = {
  green: { icon: '✔', label: 'Met' },
  amber: { icon: '!', label: 'Close' },
  red: { icon: '✖', label: 'Missed' },
  unknown: { icon: '?', label: 'Not set' },
};
const STATUS_WORD: Record<AssumptionStatus, string> = { stated: 'Stated', derived: 'Derived', illustrative: 'Illustrative' };

function value(metric: TargetMetric, v: number | null): string {
  if (v === null) return 'not set';
  if (metric === 'vacancy-rate') return formatPercent(v);
  if (metric === 'agency-cost') return formatMoney(v);
  return formatFte(v);
}

/** Supply − demand, as the app writes it: a shortfall negative and red. */
function Gap({ supply, demand }: { supply: number; demand: number }) {
  const gap = demand - supply;
  return <span className={isShortfall(gap) ? 'bs-shortfall' : undefined}>{formatGap(gap)}</span>;
}

export function BoardSummary({ data }: { data: BoardSummaryData }) {
  const { years, totals } = data;
  const last = years.length - 1;
  const horizon = yearLabel(years[last] ?? 0);
  const span = `${yearLabel(years[0] ?? 0)} to ${horizon}`;
  const shortSpan = `${yearLabel(years[0] ?? 0)}–${horizon}`;
  const made = formatMadeOn(data.madeAt);
  const sum = (xs: number[]) => xs.reduce((a, v) => a + v, 0);
  const line = supplyDemandChart(years, totals);
  const bridge = systemBridgeChart(years, data.bridge);
  const counts = data.assumptions.counts;
  const u = data.uncertainty;
  const fan = u ? supplyDemandFan(years, u, u.runs) : null;
  const chance = (t: { name: string; year: number }) => {
    const p = u?.chances.find((c) => c.name === t.name && c.year === t.year)?.probability ?? null;
    return p === null ? 'cannot be judged' : formatPercent(p);
  };
  return (
    <article className="board-summary" aria-labelledby="bs-title">
      <header className="bs-head">
        <h1 id="bs-title">Workforce plan: board summary</h1>
        <p className="bs-sub">
          {data.planName} · scenario <strong>{data.scenarioName}</strong> · {span} · made {made} with {data.appVersion}
        </p>
        <p className="bs-provenance">
          Plan file {data.planFile} · SHA-256 <span className="bs-hash">{data.planHash}</span>
        </p>
      </header>

      <section className="bs-section" aria-labelledby="bs-glance">
        <h2 id="bs-glance">At a glance</h2>
        <dl className="bs-cards">
          <div>
            <dt>Supply in {horizon}</dt>
            <dd>{formatFte(totals.closing[last] ?? 0)} FTE</dd>
          </div>
          <div>
            <dt>Demand in {horizon}</dt>
            <dd>{formatFte(totals.demand[last] ?? 0)} FTE</dd>
          </div>
          <div>
            <dt>Supply − demand in {horizon} (negative: a shortfall)</dt>
            <dd>
              <Gap supply={totals.closing[last] ?? 0} demand={totals.demand[last] ?? 0} /> FTE
            </dd>
          </div>
          <div>
            <dt>Agency cost of the shortfall, {shortSpan}</dt>
            <dd>{formatMoneyShort(sum(totals.agencyCost))}</dd>
          </div>
          <div>
            <dt>Training cost, {shortSpan}</dt>
            <dd>{formatMoneyShort(sum(totals.trainingCost))}</dd>
          </div>
        </dl>
      </section>

      <section className="bs-section" aria-labelledby="bs-targets">
        <h2 id="bs-targets">Targets</h2>
        {data.targets.length === 0 ? (
          <p>This plan has no targets.</p>
        ) : (
          <table className="bs-table bs-targets">
            <thead>
              <tr>
                <th scope="col">Target</th>
                <th scope="col">By</th>
                <th scope="col" className="bs-num">
                  Target
                </th>
                <th scope="col" className="bs-num">
                  Projected
                </th>
                <th scope="col">Status</th>
                {u ? (
                  <th scope="col" className="bs-num">
                    Chance of being met
                  </th>
                ) : null}
                <th scope="col">Why</th>
              </tr>
            </thead>
            <tbody>
              {data.targets.map((t) => (
                <tr key={`${t.name}-${t.year}`}>
                  <th scope="row">{t.name}</th>
                  <td>{yearLabel(t.year)}</td>
                  <td className="bs-num">
                    {t.comparison === 'at-most' && t.value !== null ? 'at most ' : ''}
                    {value(t.metric, t.value)}
                  </td>
                  <td className="bs-num">{value(t.metric, t.projected)}</td>
                  <td>
                    <span className={`bs-rag bs-rag-${t.status}`}>
                      <span className="bs-rag-icon" aria-hidden="true">
                        {RAG[t.status].icon}
                      </span>{' '}
                      {RAG[t.status].label}
                    </span>
                  </td>
                  {u ? <td className="bs-num bs-chance">{chance(t)}</td> : null}
                  <td>{t.explanation}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {u && data.targets.length > 0 ? (
          <p className="bs-note">
            Chance of being met: the share of {u.runs.toLocaleString('en-GB')} simulated runs (seed {u.seed}) in which the target is met, drawing each of the{' '}
            {u.varying} assumptions with a range between its low and high values.
          </p>
        ) : null}
      </section>

      <section className="bs-section" aria-labelledby="bs-shortage">
        <h2 id="bs-shortage">Shortage roles</h2>
        <p className="bs-note">{data.shortage.criteria}</p>
        {data.shortage.roles.length === 0 ? (
          <p>No role meets the shortage criteria in this scenario.</p>
        ) : (
          <table className="bs-table">
            <thead>
              <tr>
                <th scope="col">Role</th>
                <th scope="col" className="bs-num">
                  Peak vacancy
                </th>
                <th scope="col">In</th>
                <th scope="col" className="bs-num">
                  Leaver rate
                </th>
                <th scope="col" className="bs-num">
                  Aged 55+
                </th>
                <th scope="col">Criteria met</th>
              </tr>
            </thead>
            <tbody>
              {data.shortage.roles.map((r) => (
                <tr key={r.role}>
                  <th scope="row">{r.role}</th>
                  <td className="bs-num">{formatPercent(r.peakVacancyRate)}</td>
                  <td>{yearLabel(r.peakYear)}</td>
                  <td className="bs-num">{formatPercent(r.leaverRate)}</td>
                  <td className="bs-num">{formatPercent(r.aged55PlusShare)}</td>
                  <td>{r.criteriaMet}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {data.shortage.more > 0 ? (
          <p className="bs-note">
            The {data.shortage.roles.length} with the highest peak vacancy are shown; {data.shortage.more.toLocaleString('en-GB')} more{' '}
            {data.shortage.more === 1 ? 'role meets' : 'roles meet'} the criteria: the dashboard and the workbook’s Summary list them all.
          </p>
        ) : null}
      </section>

      <section className="bs-section bs-page" aria-labelledby="bs-supply">
        <h2 id="bs-supply">Supply against demand, all organisations</h2>
        <div className="bs-chart-pair">
          {u && fan ? (
            // With a simulation, the fan takes the line chart's place: the same supply against demand, with its band.
            <figure className="bs-figure bs-fan">
              <FanChartSvg {...fan} />
              <figcaption>
                How sure are we: supply against demand over {u.runs.toLocaleString('en-GB')} simulated runs (seed {u.seed}; {u.varying} assumptions with a
                range, each drawn between its low and high values). {fan.summary} The band holds 80 % of runs (P10 to P90); the solid line is the median (P50).
                The table below is the central projection.
              </figcaption>
            </figure>
          ) : (
            <figure className="bs-figure">
              <LineChartSvg {...line} />
              <figcaption>{line.summary}</figcaption>
            </figure>
          )}
          <figure className="bs-figure">
            <BridgeChartSvg {...bridge} />
            <figcaption>{bridge.title}</figcaption>
          </figure>
        </div>
        <YearTable
          className="bs-table bs-compact"
          numClass="bs-num"
          caption="FTE at each year end"
          yearHeading="Year"
          years={years.map(yearLabel)}
          rows={[
            { label: 'Supply', values: totals.closing, cell: (v) => formatFte(v) },
            { label: 'Demand', values: totals.demand, cell: (v) => formatFte(v) },
            { label: 'Supply − demand', values: totals.closing, cell: (v, i) => <Gap supply={v} demand={totals.demand[i] ?? 0} /> },
          ]}
        />
      </section>

      <section className="bs-section bs-page" aria-labelledby="bs-gaps">
        <h2 id="bs-gaps">Biggest gaps</h2>
        <p className="bs-note">Each organisation and role at its largest shortfall over the horizon.</p>
        {data.gaps.length === 0 ? (
          <p>No organisation and role is short of staff in any year.</p>
        ) : (
          <table className="bs-table">
            <thead>
              <tr>
                <th scope="col">Organisation</th>
                <th scope="col">Role</th>
                <th scope="col" className="bs-nowrap">
                  Worst year
                </th>
                <th scope="col" className="bs-num">
                  Supply (FTE)
                </th>
                <th scope="col" className="bs-num">
                  Demand (FTE)
                </th>
                <th scope="col" className="bs-num">
                  Supply − demand
                </th>
                <th scope="col" className="bs-num">
                  Vacancy
                </th>
                <th scope="col" className="bs-num">
                  Agency cost
                </th>
              </tr>
            </thead>
            <tbody>
              {data.gaps.map((g) => (
                <tr key={`${g.organisation}-${g.role}`}>
                  <td className="bs-nowrap">{g.organisation}</td>
                  <td>{g.role}</td>
                  <td>{yearLabel(g.year)}</td>
                  <td className="bs-num">{formatFte(g.supply)}</td>
                  <td className="bs-num">{formatFte(g.demand)}</td>
                  <td className="bs-num">
                    <Gap supply={g.supply} demand={g.demand} />
                  </td>
                  <td className="bs-num">{formatPercent(g.vacancyRate)}</td>
                  <td className="bs-num">{formatMoney(g.agencyCost)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section className="bs-section" aria-labelledby="bs-assumptions">
        <h2 id="bs-assumptions">Key assumptions</h2>
        <p className="bs-note">
          {counts.stated} numbers are stated (from a document), {counts.derived} derived (calculated from published data) and {counts.illustrative} illustrative
          (assumed, to be confirmed). By kind:
        </p>
        <table className="bs-table bs-assumptions">
          <thead>
            <tr>
              <th scope="col">What</th>
              <th scope="col">Status</th>
              <th scope="col" className="bs-num">
                Numbers
              </th>
              <th scope="col">Source</th>
            </tr>
          </thead>
          <tbody>
            {data.assumptions.groups.map((g) => (
              <tr key={`${g.what}-${g.status}`}>
                <th scope="row">{g.what}</th>
                <td>
                  <span className={`bs-status bs-status-${g.status}`}>{STATUS_WORD[g.status]}</span>
                </td>
                <td className="bs-num">{g.count}</td>
                <td className="bs-source">{g.source.length > 130 ? `${g.source.slice(0, 129)}…` : g.source}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </article>
  );
}
