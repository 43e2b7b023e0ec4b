/**
 * The dashboard of the selected scenario: targets (projected against target, with RAG), system
 * supply against demand over the horizon, the shortage roles by the plan's criteria, the
 * biggest gaps, and the agency and training cost. It re-reads on every change to the plan.
 */
import { useEffect, useMemo, useState } from 'react';
import type { ShortageCriteria, TargetMetric } from '../../../../shared/model/types';
import { formatFte, formatMoney, formatMoneyShort, formatPercent, yearLabel } from '../../../../shared/format';
import { call } from '../../api';
import { useAppState } from '../../app/AppState';
import { LineChart } from '../../charts/LineChart';
import { useProjection } from '../projection/use-projection';
import { RagBadge, formatTargetValue, nameLookup } from '../projection/labels';
import { formatGap, isShortfall } from '../projection/numbers';
import { useUncertainty } from '../../app/uncertainty';
import { chanceText, UncertaintyPanel } from '../uncertainty/UncertaintyPanel';

function Money({ value }: { value: number }) {
  return (
    <span title={formatMoney(value)} aria-label={formatMoney(value)}>
      {formatMoneyShort(value)}
    </span>
  );
}

function Gap({ gap }: { gap: number }) {
  return <span className={isShortfall(gap) ? 'shortfall' : undefined}>{formatGap(gap)}</span>;
}

function criteriaText(c: ShortageCriteria | null): string {
  if (!c) return '';
  const parts = [
    c.vacancyRateAbove === null ? null : `projected vacancy above ${formatPercent(c.vacancyRateAbove)}`,
    c.leaverRateAbove === null ? null : `leaver rate above ${formatPercent(c.leaverRateAbove)}`,
    c.aged55PlusAbove === null ? null : `more than ${formatPercent(c.aged55PlusAbove)} aged 55 and over`,
  ].filter((p): p is string => p !== null);
  if (parts.length === 0) return 'No shortage criteria are set: set them in Targets.';
  return `A role is a shortage role when ${c.mode === 'any' ? 'any one of these holds' : 'all of these hold'}: ${parts.join('; ')}.`;
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
    <span title={`Projected ${formatTargetValue(metric, c.projected.p10)} to ${formatTargetValue(metric, c.projected.p90)} in 80 % of ${sim.runs.toLocaleString('en-GB')} runs (median ${formatTargetValue(metric, c.projected.p50)})`}>
      {text}
    </span>
  );
}

export function DashboardView() {
  const { reference, scenarios, scenarioId, dataVersion } = useAppState();
  const { result, targets, loading, error } = useProjection();
  const [criteria, setCriteria] = useState<ShortageCriteria | null>(null);
  const names = useMemo(() => nameLookup(reference), [reference]);
  const scenarioName = scenarios.find((s) => s.id === scenarioId)?.name ?? '';

  useEffect(() => {
    call('shortage/get', {})
      .then(setCriteria)
      .catch(() => setCriteria(null));
  }, [dataVersion]);

  const gaps = useMemo(() => {
    if (!result) return [];
    return result.cells
      .map((c) => {
        let peak = 0;
        c.gap.forEach((g, i) => {
          if (g > (c.gap[peak] ?? 0)) peak = i;
        });
        return { cell: c, index: peak, gap: c.gap[peak] ?? 0 };
      })
      .filter((g) => isShortfall(g.gap))
      .sort((a, b) => b.gap - a.gap)
      .slice(0, 10);
  }, [result]);

  const shortage = useMemo(() => (result ? result.shortage.filter((s) => s.isShortage).sort((a, b) => b.peakVacancyRate - a.peakVacancyRate) : []), [result]);

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

  return (
    // Focusable so that keyboard users can scroll the dashboard with the arrow keys (it has no other controls).
    <section className="view dashboard" aria-labelledby="dashboard-heading" tabIndex={0}>
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
        </div>
        <div className="card">
          <dt>Demand in {horizon}</dt>
          <dd>{formatFte(t.demand[last] ?? 0)} FTE</dd>
        </div>
        <div className="card">
          <dt>Supply − demand, {horizon}</dt>
          <dd>
            <Gap gap={t.gap[last] ?? 0} /> FTE
          </dd>
        </div>
        <div className="card">
          <dt>Agency cost implied by the gap, {years[0]} to {horizon}</dt>
          <dd>
            <Money value={agencyTotal} />
          </dd>
        </div>
        <div className="card">
          <dt>Training cost, {years[0]} to {horizon}</dt>
          <dd>
            <Money value={trainingTotal} />
          </dd>
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
        <table className="data-table compact-table">
          <caption>The numbers behind the chart, FTE at year end</caption>
          <thead>
            <tr>
              <th scope="col">Financial year</th>
              {years.map((y) => (
                <th key={y} scope="col" className="num-col">
                  {y}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">Supply</th>
              {t.closing.map((v, i) => (
                <td key={i} className="num-col">
                  {formatFte(v)}
                </td>
              ))}
            </tr>
            <tr>
              <th scope="row">Demand</th>
              {t.demand.map((v, i) => (
                <td key={i} className="num-col">
                  {formatFte(v)}
                </td>
              ))}
            </tr>
            <tr>
              <th scope="row">Supply − demand</th>
              {t.gap.map((v, i) => (
                <td key={i} className="num-col">
                  <Gap gap={v} />
                </td>
              ))}
            </tr>
            <tr>
              <th scope="row">Agency cost</th>
              {t.agencyCost.map((v, i) => (
                <td key={i} className="num-col">
                  <Money value={v} />
                </td>
              ))}
            </tr>
            <tr>
              <th scope="row">Training cost</th>
              {t.trainingCost.map((v, i) => (
                <td key={i} className="num-col">
                  <Money value={v} />
                </td>
              ))}
            </tr>
          </tbody>
        </table>
      </section>

      <UncertaintyPanel targets={targets} />

      <div className="panel-row">
        <section className="panel" aria-labelledby="shortage-heading">
          <h2 id="shortage-heading">Shortage roles</h2>
          <p className="muted">{criteriaText(criteria)}</p>
          {shortage.length === 0 ? (
            <p>No role meets the shortage criteria in this scenario.</p>
          ) : (
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
                {shortage.map((s) => (
                  <tr key={s.roleId}>
                    <th scope="row">{names.role(s.roleId)}</th>
                    <td>
                      {formatPercent(s.peakVacancyRate)} in {yearLabel(s.peakVacancyYear)}
                    </td>
                    <td className="num-col">{formatPercent(s.leaverRate)}</td>
                    <td className="num-col">{formatPercent(s.aged55PlusShare)}</td>
                    <td>
                      {[s.met.vacancyRate ? 'Vacancy' : null, s.met.leaverRate ? 'Leaver rate' : null, s.met.aged55Plus ? 'Aged 55+' : null].filter(Boolean).join(', ')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
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
                  <tr key={`${g.cell.orgId}:${g.cell.roleId}`}>
                    <td>{names.org(g.cell.orgId)}</td>
                    <td>{names.role(g.cell.roleId)}</td>
                    <td>{years[g.index]}</td>
                    <td className="num-col">
                      <Gap gap={g.gap} />
                    </td>
                    <td className="num-col">{formatPercent(g.cell.vacancyRate[g.index] ?? 0)}</td>
                    <td className="num-col">
                      <Money value={g.cell.agencyCost[g.index] ?? 0} />
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
