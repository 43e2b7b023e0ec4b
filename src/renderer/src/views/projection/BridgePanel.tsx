/**
 * The side panel for one organisation × role: the bridge from opening to closing FTE over a
 * chosen range of years (chart and table), and the required-intake question.
 */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { CellResult, PipelineRow, ProjectionResult } from '../../../../shared/api/dto';
import { formatFte, yearLabel } from '../../../../shared/format';
import { BridgeChart } from '../../charts/BridgeChart';
import { bridgeStepText } from '../../charts/board-charts';
import { bridgeSteps } from './bridge';
import { RequiredIntake } from './RequiredIntake';
import { CellUncertainty } from '../uncertainty/CellUncertainty';
import { formatGap, isShortfall } from './numbers';

const stepText = bridgeStepText;

export function BridgePanel({ cell, result, pipelines, orgName, roleName, onClose }: { cell: CellResult; result: ProjectionResult; pipelines: PipelineRow[]; orgName: string; roleName: string; onClose: () => void }) {
  const id = useId();
  const years = result.years;
  const [from, setFrom] = useState(0);
  const [to, setTo] = useState(years.length - 1);
  const heading = useRef<HTMLHeadingElement>(null);
  // Focus moves to the panel when it opens and back to the grid cell that opened it when it closes.
  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    heading.current?.focus();
    return () => {
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  const lo = Math.min(from, to);
  const hi = Math.max(from, to);
  const steps = useMemo(() => bridgeSteps(cell, result.pipelines, pipelines, lo, hi), [cell, result.pipelines, pipelines, lo, hi]);
  const range = lo === hi ? yearLabel(years[lo] ?? 0) : `${yearLabel(years[lo] ?? 0)} to ${yearLabel(years[hi] ?? 0)}`;
  const gap = cell.gap[hi] ?? 0;

  return (
    <aside
      className="side-panel"
      aria-labelledby={`${id}-h`}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && !(e.target instanceof HTMLSelectElement)) {
          e.stopPropagation();
          onClose();
        }
      }}
    >
      <div className="side-panel-header">
        <h2 id={`${id}-h`} ref={heading} tabIndex={-1}>
          {roleName}, {orgName}
        </h2>
        <button type="button" className="button button-secondary" onClick={onClose}>
          Close
        </button>
      </div>
      <div className="form-grid">
        <label htmlFor={`${id}-from`}>From the start of</label>
        <select id={`${id}-from`} value={from} onChange={(e) => setFrom(Number(e.target.value))}>
          {years.map((y, i) => (
            <option key={y} value={i}>
              {yearLabel(y)}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-to`}>to the end of</label>
        <select id={`${id}-to`} value={to} onChange={(e) => setTo(Number(e.target.value))}>
          {years.map((y, i) => (
            <option key={y} value={i}>
              {yearLabel(y)}
            </option>
          ))}
        </select>
      </div>
      <p>
        Demand at the end of {yearLabel(years[hi] ?? 0)}: {formatFte(cell.demand[hi] ?? 0)} FTE; supply against demand:{' '}
        <span className={isShortfall(gap) ? 'shortfall' : undefined}>{formatGap(gap)} FTE</span>.
      </p>
      <BridgeChart
        title={`Bridge of ${roleName}, ${orgName}, ${range} (FTE)`}
        summary={steps.map((s) => `${s.label} ${stepText(s)}`).join('; ')}
        steps={steps}
        format={stepText}
      />
      <table className="data-table bridge-table">
        <caption>Bridge, {range} (FTE)</caption>
        <thead>
          <tr>
            <th scope="col">Step</th>
            <th scope="col" className="num-col">
              FTE
            </th>
          </tr>
        </thead>
        <tbody>
          {steps.map((s, i) => (
            <tr key={`${s.label}-${i}`} className={s.kind === 'total' ? 'bridge-total' : undefined}>
              <th scope="row">{s.label}</th>
              <td className="num-col">{stepText(s)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <CellUncertainty orgId={cell.orgId} roleId={cell.roleId} label={`${roleName}, ${orgName}`} yearIndex={hi} />
      <RequiredIntake orgId={cell.orgId} roleId={cell.roleId} orgName={orgName} roleName={roleName} pipelines={pipelines} years={years} />
    </aside>
  );
}
