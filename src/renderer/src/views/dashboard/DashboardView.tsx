/**
 * The dashboard of the selected scenario: targets (projected against target, with RAG), system
 * supply against demand over the horizon, the shortage roles by the plan's criteria, the
 * biggest gaps, and the agency and training cost. It re-reads on every change to the plan.
 */
import { useEffect, useMemo, useState } from 'react';
import type { ShortageCriteria, TargetMetric } from '../../../../shared/model/types';
import { describeShortageCriteria } from '../../../../shared/model/shortage';
import { AssumptionMarker } from '../../components/AssumptionMarker';
import { YearTable } from '../../components/YearTable';
import { formatFte, formatMoney, formatMoneyShort, formatPercent, yearLabel } from '../../../../shared/format';
import { call } from '../../api';
import { useAppState } from '../../app/AppState';
import { LineChart } from '../../charts/LineChart';
import { useProjectionSummary } from '../projection/use-projection';
import { RagBadge, formatTargetValue, nameLookup } from '../projection/labels';
import { formatDelta, formatGap, isShortfall } from '../projection/numbers';
import { useUncertainty } from '../../app/uncertainty';
import { chanceText, UncertaintyPanel } from '../uncertainty/UncertaintyPanel';

function Money({ value, title }: { value: number; title?: string }) {
  return (
    <span title={title ?? formatMoney(value)} aria-label={formatMoney(value)}>
      {formatMoneyShort(value)}
    </span>
  );
}

/** "▲ +12.3 FTE since your last edit" under a card, when the last edit moved it. */
function Change({ now, was, unit, better = null }: { now: number; was: number | null; unit: 'FTE' | '£'; better?: 'up' | 'down' | null }) {
  if (was === null) return null;
  const d = now - was;
  const text = unit === '£' ? formatDelta(d, formatMoneyShort) : `${formatDelta(d)}${Math.abs(d) < 1e-9 ? '' : ' FTE'}`;
  if (Math.abs(d) < 1e-9) return <dd className="card-change muted">No change from your last edit</dd>;
  const good = better === null ? null : better === 'up' ? d > 0 : d < 0;
  return (
    <dd className={`card-change${good === null ? '' : good ? ' change-better' : ' change-worse'}`}>
      <span aria-hidden="true">{d > 0 ? '▲' : '▼'}</span> {text} since your last edit{good === null ? '' : good ? ' (better)' : ' (worse)'}
    </dd>
  );
}

function Gap({ gap }: { gap: number }) {
  return <span className={isShortfall(gap) ? 'shortfall' : undefined}>{formatGap(gap)}</span>;
}

/**
 * A target's chance of being met in the simulation, with the range of its projected value. Its
 * own component, so that the simulation's comings and goings re-render this cell, not the dashboard.
 */
function TargetChance({ targetId, metric }: { targetId: number; metric: TargetMetric | undefined }) {
  const { result } = useUncertainty();
  const sim = result && result.varying > 0 ? result : null;
  if (!sim) return <span className="muted">{result ? 'no ranges' : '…'}</span>;
  const c = sim.targets.find((t) => t.targetId === targetId);
  const text = c ? chanceText(c.probability) : null;
  if (!c || !text || !c.projected) return <span className="muted">not set</span>;
  return (
    <span
      title={`Projected ${formatTargetValue(metric, c.projected.p10)} to ${formatTargetValue(metric, c.projected.p90)} in 80 % of ${sim.runs.toLocaleString('en-GB')} runs (median ${formatTargetValue(metric, c.projected.p50)})`}
    >
      {text}
    </span>
  );
}

/** Shortage roles listed before "Show all": a regional plan can flag hundreds. */
const SHORTAGE_SHOWN = 10;

export function DashboardView() {
  const { reference, scenarios, scenarioId, dataVersion } = useAppState();
  const { summary: result, targets, loading, error } = useProjectionSummary();
  const [criteria, setCriteria] = useState<ShortageCriteria | null>(null);
  const [showAllShortage, setShowAllShortage] = useState(false);
  const names = useMemo(() => nameLookup(reference), [reference]);
  const scenarioName = scenarios.find((s) => s.id === scenarioId)?.name ?? '';

  useEffect(() => {
    call('shortage/get', {})
      .then(setCriteria)
      .catch(() => setCriteria(null));
  }, [dataVersion]);

  // Worked out in main: the ten biggest gaps and the shortage roles, worst first.
  const gaps = result?.gaps.rows ?? [];
  const shortage = result?.shortage.roles ?? [];
  const shortageShown = showAllShortage ? shortage : shortage.slice(0, SHORTAGE_SHOWN);

  if (!result) {
    return (
      <section className="view" aria-labelledby="dashboard-heading">
        <h1 id="dashboard-heading">Dashboard</h1>
        {error ? <p role="alert">{error}</p> : <p role="status">Projecting the scenario…</p>}
      </section>
    );
  }

  const years = result.years.map(yearLabel);
  const last = result.years.length - 1;
  const t = result.totals;
  const agencyTotal = t.agencyCost.reduce((a, b) => a + b, 0);
  const trainingTotal = t.trainingCost.reduce((a, b) => a + b, 0);
  const targetById = new Map(targets.map((x) => [x.id, x]));
  const horizon = years[last] ?? '';
  const p = result.previousTotals;
  const agency = result.agency;

  return (
    // Focusable so that keyboard users can scroll the dashboard with the arrow keys (it has no other controls).
    <section className="view dashboard" aria-labelledby="dashboard-heading" tabIndex={0} data-scenario-id={result.scenarioId}>
      <div className="view-header">
        <h1 id="dashboard-heading">Dashboard</h1>
        <p className="view-lede">
          Scenario <strong>{scenarioName}</strong>, {years[0]} to {horizon}: every organisation and role together.
        </p>
        <span role="status" className="muted">
          {loading ? 'Recalculating…' : error ? `Not up to date: ${error}` : ''}
        </span>
      </div>

      <dl className="cards">
        <div className="card">
          <dt>Supply in {horizon}</dt>
          <dd>{formatFte(t.closing[last] ?? 0)} FTE</dd>
          <Change now={t.closing[last] ?? 0} was={p ? (p.closing[last] ?? 0) : null} unit="FTE" better="up" />
        </div>
        <div className="card">
          <dt>Demand in {horizon}</dt>
          <dd>{formatFte(t.demand[last] ?? 0)} FTE</dd>
          <Change now={t.demand[last] ?? 0} was={p ? (p.demand[last] ?? 0) : null} unit="FTE" />
        </div>
        <div className="card">
          <dt>Supply − demand, {horizon}</dt>
          <dd>
            <Gap gap={t.gap[last] ?? 0} /> FTE
          </dd>
          <Change now={-(t.gap[last] ?? 0)} was={p ? -(p.gap[last] ?? 0) : null} unit="FTE" better="up" />
        </div>
        <div className="card card-wide">
          <dt>
            {agency.covers}{' '}
            <AssumptionMarker
              note={{
                status: 'illustrative',
                source: 'agency shares and agency costs per FTE are assumptions; hover over the amount for how the base year adds up',
              }}
            />
          </dt>
          <dd>
            <Money value={agencyTotal} title={agency.detail} />
          </dd>
          <Change now={agencyTotal} was={p ? p.agencyCost.reduce((a, b) => a + b, 0) : null} unit="£" better="down" />
        </div>
        <div className="card">
          <dt>
            Training cost, {years[0]} to {horizon}
          </dt>
          <dd>
            <Money value={trainingTotal} />
          </dd>
          <Change now={trainingTotal} was={p ? p.trainingCost.reduce((a, b) => a + b, 0) : null} unit="£" />
        </div>
      </dl>

      <section className="panel" aria-labelledby="targets-heading">
        <h2 id="targets-heading">Targets</h2>
        {result.targets.length === 0 ? (
          <p>This plan has no targets yet: add them in Targets.</p>
        ) : (
          <table className="data-table targets-table">
            <thead>
              <tr>
                <th scope="col">Target</th>
                <th scope="col">By</th>
                <th scope="col" className="num-col">
                  Target
                </th>
                <th scope="col" className="num-col">
                  Projected
                </th>
                <th scope="col">Status</th>
                <th scope="col">Chance</th>
                <th scope="col">Why</th>
              </tr>
            </thead>
            <tbody>
              {result.targets.map((p) => {
                const target = targetById.get(p.targetId);
                return (
                  <tr key={p.targetId}>
                    <th scope="row">{target?.name ?? `Target ${p.targetId}`}</th>
                    <td>{target ? yearLabel(target.year) : ''}</td>
                    <td className="num-col">
                      {target?.comparison === 'at-most' && p.value !== null ? 'at most ' : ''}
                      {formatTargetValue(target?.metric, p.value)}
                    </td>
                    <td className="num-col">{formatTargetValue(target?.metric, p.projected)}</td>
                    <td>
                      <RagBadge status={p.status} />
                    </td>
                    <td className="target-chance">
                      <TargetChance targetId={p.targetId} metric={target?.metric} />
                    </td>
                    <td>{p.explanation}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </section>

      <section className="panel" aria-labelledby="chart-heading">
        <h2 id="chart-heading">Supply and demand, all organisations</h2>
        <LineChart
          title={`Supply and demand (FTE), ${years[0]} to ${horizon}`}
          summary={`Supply goes from ${formatFte(t.closing[0] ?? 0)} to ${formatFte(t.closing[last] ?? 0)} FTE; demand from ${formatFte(t.demand[0] ?? 0)} to ${formatFte(t.demand[last] ?? 0)} FTE.`}
          categories={years}
          yLabel="FTE"
          series={[
            { name: 'Supply (closing FTE)', values: t.closing, colour: '#005eb8' },
            { name: 'Demand (FTE)', values: t.demand, colour: '#231f20', dashed: true },
          ]}
        />
        <YearTable
          className="data-table compact-table"
          numClass="num-col"
          caption="The numbers behind the chart, FTE at year end"
          yearHeading="Financial year"
          years={years}
          rows={[
            { label: 'Supply', values: t.closing, cell: (v) => formatFte(v) },
            { label: 'Demand', values: t.demand, cell: (v) => formatFte(v) },
            { label: 'Supply − demand', values: t.gap, cell: (v) => <Gap gap={v} /> },
            { label: 'Agency cost', values: t.agencyCost, cell: (v) => <Money value={v} /> },
            { label: 'Training cost', values: t.trainingCost, cell: (v) => <Money value={v} /> },
          ]}
        />
      </section>

      <UncertaintyPanel targets={targets} />

      <div className="panel-row">
        <section className="panel" aria-labelledby="shortage-heading">
          <h2 id="shortage-heading">Shortage roles</h2>
          <p className="muted">{criteria ? describeShortageCriteria(criteria) : ''}</p>
          {shortage.length === 0 ? (
            <p>No role meets the shortage criteria in this scenario.</p>
          ) : (
            <>
              <p className="muted">
                {shortageShown.length === shortage.length
                  ? `${shortage.length.toLocaleString('en-GB')} ${shortage.length === 1 ? 'role' : 'roles'}, worst first.`
                  : `The worst ${shortageShown.length.toLocaleString('en-GB')} of ${shortage.length.toLocaleString('en-GB')} roles.`}{' '}
                {shortage.length > SHORTAGE_SHOWN && (
                  <button type="button" className="link-button" onClick={() => setShowAllShortage((v) => !v)}>
                    {showAllShortage ? `Show the worst ${SHORTAGE_SHOWN}` : `Show all ${shortage.length.toLocaleString('en-GB')}`}
                  </button>
                )}
              </p>
              <table className="data-table shortage-table">
                <thead>
                  <tr>
                    <th scope="col">Role</th>
                    <th scope="col">Peak vacancy</th>
                    <th scope="col" className="num-col">
                      Leaver rate
                    </th>
                    <th scope="col" className="num-col">
                      Aged 55+
                    </th>
                    <th scope="col">Criteria met</th>
                  </tr>
                </thead>
                <tbody>
                  {shortageShown.map((s) => (
                    <tr key={s.roleId}>
                      <th scope="row">{names.role(s.roleId)}</th>
                      <td>
                        {formatPercent(s.peakVacancyRate)} in {yearLabel(s.peakVacancyYear)}
                      </td>
                      <td className="num-col">{formatPercent(s.leaverRate)}</td>
                      <td className="num-col">{formatPercent(s.aged55PlusShare)}</td>
                      <td>
                        {[s.met.vacancyRate ? 'Vacancy' : null, s.met.leaverRate ? 'Leaver rate' : null, s.met.aged55Plus ? 'Aged 55+' : null]
                          .filter(Boolean)
                          .join(', ')}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
        </section>

        <section className="panel" aria-labelledby="gaps-heading">
          <h2 id="gaps-heading">Biggest gaps</h2>
          <p className="muted">Each organisation and role at its largest shortfall over the horizon.</p>
          {gaps.length === 0 ? (
            <p>No organisation and role is short of staff in any year.</p>
          ) : (
            <table className="data-table gaps-table">
              <thead>
                <tr>
                  <th scope="col">Organisation</th>
                  <th scope="col">Role</th>
                  <th scope="col">Worst year</th>
                  <th scope="col" className="num-col">
                    Supply − demand (FTE)
                  </th>
                  <th scope="col" className="num-col">
                    Vacancy
                  </th>
                  <th scope="col" className="num-col">
                    Agency cost
                  </th>
                </tr>
              </thead>
              <tbody>
                {gaps.map((g) => (
                  <tr key={`${g.orgId}:${g.roleId}`}>
                    <td>{names.org(g.orgId)}</td>
                    <td>{names.role(g.roleId)}</td>
                    <td>{years[g.yearIndex]}</td>
                    <td className="num-col">
                      <Gap gap={g.gap} />
                    </td>
                    <td className="num-col">{formatPercent(g.vacancyRate)}</td>
                    <td className="num-col">
                      <Money value={g.agencyCost} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      </div>
    </section>
  );
}
