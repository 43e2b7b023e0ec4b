/**
 * The fan chart of one organisation and role in the bridge panel: its supply's P10–P90 band and
 * median against its demand, from the selected scenario's simulation, with the year the panel
 * shows in words.
 */
import { useEffect, useId, useState } from 'react';
import type { CellBands } from '../../../../shared/api/channels/uncertainty';
import { call } from '../../api';
import { formatFte, yearLabel } from '../../../../shared/format';
import { useUncertainty } from '../../app/uncertainty';
import { FanChart } from '../../charts/FanChart';
import { formatGap } from '../projection/numbers';
import { SimulationStatus } from './UncertaintyPanel';
import { surplusBands } from './shapes';

export function CellUncertainty({ orgId, roleId, label, yearIndex }: { orgId: number; roleId: number; label: string; yearIndex: number }) {
  const u = useUncertainty();
  const id = useId();
  const r = u.result;
  // This cell's bands, asked for when a simulation lands: the window never receives every cell's.
  const [cell, setCell] = useState<CellBands | null>(null);
  useEffect(() => {
    if (!r || r.varying === 0) {
      setCell(null);
      return;
    }
    let live = true;
    call('uncertainty/cell', { scenarioId: r.scenarioId, orgId, roleId })
      .then((c) => live && setCell(c))
      .catch(() => live && setCell(null));
    return () => {
      live = false;
    };
  }, [r, orgId, roleId]);
  return (
    <section className="cell-uncertainty" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>How sure are we</h3>
      <SimulationStatus u={u} compact />
      {!r ? <p className="muted">Simulating…</p> : null}
      {r && r.varying === 0 ? (
        <p className="muted">No input of this scenario has a range: its projection is one line. Set ranges, or fill typical ones from the dashboard.</p>
      ) : null}
      {r && r.varying > 0 && cell
        ? (() => {
            const years = r.years.map(yearLabel);
            const t = Math.min(yearIndex, years.length - 1);
            const surplus = surplusBands(cell.gap);
            return (
              <>
                <p>
                  At the end of {years[t]}: supply {formatFte(cell.supply.p10[t] ?? 0)} to {formatFte(cell.supply.p90[t] ?? 0)} FTE in 80 % of{' '}
                  {r.runs.toLocaleString('en-GB')} runs (median {formatFte(cell.supply.p50[t] ?? 0)}); supply − demand {formatGap(-(surplus.p10[t] ?? 0))} to{' '}
                  {formatGap(-(surplus.p90[t] ?? 0))} FTE.
                </p>
                <FanChart
                  title={`Supply and demand of ${label} (FTE): ${r.runs.toLocaleString('en-GB')} simulated runs`}
                  summary={`In ${years[years.length - 1]}, supply is between ${formatFte(cell.supply.p10[years.length - 1] ?? 0)} and ${formatFte(cell.supply.p90[years.length - 1] ?? 0)} FTE in 80 % of runs; demand's median is ${formatFte(cell.demand.p50[years.length - 1] ?? 0)} FTE.`}
                  categories={years}
                  supply={cell.supply}
                  demand={cell.demand}
                  yLabel="FTE"
                  width={440}
                  height={240}
                />
              </>
            );
          })()
        : null}
    </section>
  );
}
