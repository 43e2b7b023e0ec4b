/**
 * A bridge (waterfall) drawn as SVG: each flow is a bar floating on an invisible base at the
 * running total, the way a stacked bar with a transparent base series draws it. Bars run
 * across so that long pipeline names stay readable; every bar carries its value as text, and
 * rises and falls differ by pattern (solid, hatched) as well as colour.
 */
import { useId } from 'react';
import { compact, niceTicks } from './scale';
import type { BridgeStep } from '../views/projection/bridge';

const W = 480;
const LABEL_W = 180;
const VALUE_W = 60;
const ROW_H = 26;
const TOP = 24;

/** The chart's labels are short (the table beside it has the full names): "Qualified: " is implied by a rising bar. */
function shortLabel(label: string): string {
  const rest = label.replace(/^Qualified: /, '');
  const s = rest.charAt(0).toUpperCase() + rest.slice(1);
  return s.length > 27 ? `${s.slice(0, 26)}…` : s;
}

export interface BridgeChartProps {
  title: string;
  summary: string;
  steps: BridgeStep[];
  format: (step: BridgeStep) => string;
}

export function BridgeChart(props: BridgeChartProps) {
  return (
    <figure className="chart">
      <BridgeChartSvg {...props} />
    </figure>
  );
}

/** The chart itself, a standalone SVG: the window shows it, and the board exports draw it as a picture. */
export function BridgeChartSvg({ title, summary, steps, format }: BridgeChartProps) {
  const id = useId();
  let running = 0;
  const bars = steps.map((s) => {
    if (s.kind === 'total') {
      running = s.value;
      return { step: s, from: 0, to: s.value };
    }
    const from = running;
    running += s.value;
    return { step: s, from, to: running };
  });
  const hi = Math.max(0, ...bars.map((b) => Math.max(b.from, b.to)));
  const lo = Math.min(0, ...bars.map((b) => Math.min(b.from, b.to)));
  const ticks = niceTicks(lo, hi, 4);
  const xMin = ticks[0] ?? 0;
  const xMax = ticks[ticks.length - 1] ?? 1;
  const plotW = W - LABEL_W - VALUE_W - 8;
  const x = (v: number) => LABEL_W + ((v - xMin) / (xMax - xMin || 1)) * plotW;
  const H = TOP + bars.length * ROW_H + 8;
  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      viewBox={`0 0 ${W} ${H}`}
      width={W}
      height={H}
      role="img"
      aria-labelledby={`${id}-t ${id}-d`}
      className="chart-svg"
      fontFamily="Arial, Arimo, Liberation Sans, sans-serif"
    >
      <title id={`${id}-t`}>{title}</title>
      <desc id={`${id}-d`}>{summary}</desc>
      <defs>
        <pattern id={`${id}-hatch`} patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)">
          <rect width="6" height="6" fill="#f6d4d1" />
          <line x1="0" y1="0" x2="0" y2="6" stroke="#b00d1e" strokeWidth="3" />
        </pattern>
      </defs>
      {ticks.map((t) => (
        <g key={t}>
          <line x1={x(t)} x2={x(t)} y1={TOP - 6} y2={H - 8} stroke="#d8dde0" />
          <text x={x(t)} y={TOP - 10} textAnchor="middle" fontSize="11" fill="#425563">
            {compact.format(t)}
          </text>
        </g>
      ))}
      {bars.map((b, i) => {
        const yTop = TOP + i * ROW_H + 4;
        const left = x(Math.min(b.from, b.to));
        const width = Math.max(1, Math.abs(x(b.to) - x(b.from)));
        const fill = b.step.kind === 'total' ? '#005eb8' : b.step.value >= 0 ? '#007f3b' : `url(#${id}-hatch)`;
        return (
          <g key={`${b.step.label}-${i}`}>
            <text x={LABEL_W - 8} y={yTop + 14} textAnchor="end" fontSize="12" fill="#231f20">
              {shortLabel(b.step.label)}
            </text>
            <rect x={left} y={yTop} width={width} height={ROW_H - 8} fill={fill} stroke={b.step.kind === 'flow' && b.step.value < 0 ? '#b00d1e' : 'none'}>
              <title>{`${b.step.label}: ${format(b.step)}`}</title>
            </rect>
            <text x={W - 4} y={yTop + 14} textAnchor="end" fontSize="12" fill={b.step.kind === 'flow' && b.step.value < 0 ? '#b00d1e' : '#231f20'}>
              {format(b.step)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
