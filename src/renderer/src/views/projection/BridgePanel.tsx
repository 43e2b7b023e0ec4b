/**
 * The side panel for one organisation × role: the bridge from opening to closing FTE over a
 * chosen range of years (chart and table), and the required-intake question.
 */
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent as ReactKeyboardEvent, type PointerEvent as ReactPointerEvent } from 'react';
import type { CellResult, PipelineRow, ProjectionResult } from '../../../../shared/api/dto';
import { formatFte, yearLabel } from '../../../../shared/format';
import { BridgeChart } from '../../charts/BridgeChart';
import { bridgeStepText } from '../../charts/board-charts';
import { bridgeSteps } from './bridge';
import { RequiredIntake } from './RequiredIntake';
import { CellUncertainty } from '../uncertainty/CellUncertainty';
import { formatGap, isShortfall } from './numbers';
import { usePreferences, type PanelDock } from '../../app/preferences';

const LIMITS: Record<PanelDock, { min: number; max: number }> = { right: { min: 300, max: 900 }, below: { min: 160, max: 700 } };

/**
 * The bar between the grid and the panel: drag it, or focus it and use the arrow keys (Home and
 * End for the smallest and largest), to resize the panel.
 */
function Splitter({ dock, size, onSize }: { dock: PanelDock; size: number; onSize: (size: number) => void }) {
  const { min, max } = LIMITS[dock];
  const start = useRef<{ at: number; size: number } | null>(null);
  const clamp = (v: number) => Math.round(Math.min(max, Math.max(min, v)));
  const onKey = (e: ReactKeyboardEvent<HTMLDivElement>) => {
    const grow = dock === 'right' ? 'ArrowLeft' : 'ArrowUp';
    const shrink = dock === 'right' ? 'ArrowRight' : 'ArrowDown';
    const step = e.shiftKey ? 80 : 20;
    let next: number | null = null;
    if (e.key === grow) next = size + step;
    else if (e.key === shrink) next = size - step;
    else if (e.key === 'Home') next = min;
    else if (e.key === 'End') next = max;
    if (next === null) return;
    e.preventDefault();
    onSize(clamp(next));
  };
  const pos = (e: ReactPointerEvent) => (dock === 'right' ? e.clientX : e.clientY);
  return (
    <div
      className={`splitter splitter-${dock}`}
      role="separator"
      tabIndex={0}
      aria-orientation={dock === 'right' ? 'vertical' : 'horizontal'}
      aria-label="Resize the bridge panel"
      aria-valuenow={size}
      aria-valuemin={min}
      aria-valuemax={max}
      onKeyDown={onKey}
      onPointerDown={(e) => {
        e.currentTarget.setPointerCapture(e.pointerId);
        start.current = { at: pos(e), size };
      }}
      onPointerMove={(e) => {
        if (!start.current) return;
        // The panel is after the bar: moving the bar left (or up) makes the panel bigger.
        onSize(clamp(start.current.size + start.current.at - pos(e)));
      }}
      onPointerUp={() => {
        start.current = null;
      }}
    />
  );
}

const stepText = bridgeStepText;

export function BridgePanel({
  cell,
  result,
  pipelines,
  orgName,
  roleName,
  onClose,
  onApplied,
}: {
  cell: CellResult;
  result: ProjectionResult;
  pipelines: PipelineRow[];
  orgName: string;
  roleName: string;
  onClose: () => void;
  /** After a required intake is applied: the year whose gap it closes, and whose gap (null: every organisation). */
  onApplied: (byYear: number, orgId: number | null) => void;
}) {
  const id = useId();
  const { preferences, setPreference } = usePreferences();
  const dock = preferences.bridgeDock;
  const size = dock === 'right' ? preferences.bridgeWidth : preferences.bridgeHeight;
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
    <>
      <Splitter dock={dock} size={size} onSize={(v) => setPreference(dock === 'right' ? 'bridgeWidth' : 'bridgeHeight', v)} />
      <aside
        className={`side-panel side-panel-${dock}`}
        style={dock === 'right' ? { width: size } : { height: size }}
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
          <button type="button" className="button button-secondary" onClick={() => setPreference('bridgeDock', dock === 'right' ? 'below' : 'right')}>
            {dock === 'right' ? 'Dock below' : 'Dock right'}
          </button>
          <button type="button" className="button button-secondary" onClick={onClose}>
            Close
          </button>
        </div>
        <div className="bridge-body">
          <div className="bridge-figures">
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
            <div className="bridge-views">
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
            </div>
          </div>
          <CellUncertainty orgId={cell.orgId} roleId={cell.roleId} label={`${roleName}, ${orgName}`} yearIndex={hi} />
          <RequiredIntake
            orgId={cell.orgId}
            roleId={cell.roleId}
            orgName={orgName}
            roleName={roleName}
            pipelines={pipelines}
            years={years}
            onApplied={onApplied}
          />
        </div>
      </aside>
    </>
  );
}
