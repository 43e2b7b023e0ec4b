/**
 * A tornado chart drawn as SVG: one row per input, largest effect first; each row's bar runs
 * from the measure with that input at its low values to the measure with it at its high values,
 * split at the central projection (a vertical line). The low side is hatched and the high side
 * solid, so the two differ by pattern as well as colour, and both ends carry their values as text.
 */
import { useId } from 'react';
import { compact, niceTicks } from './scale';

export interface TornadoRow {
  label: string;
  /** The measure with the input at its low values, and at its high values. */
  atLow: number;
  atHigh: number;
}

const W = 760;
const LABEL_W = 320;
const VALUE_W = 64;
const ROW_H = 28;
const TOP = 28;
const LOW = '#768692';
const HIGH = '#005eb8';

/** Long labels lose their middle, not their end: "Attrition: Registered nurse degree … (RDY)" keeps what tells rows apart. */
function short(s: string): string {
  if (s.length <= 48) return s;
  const head = s.slice(0, 32);
  const tail = s.slice(-16);
  const h = head.lastIndexOf(' ') > 16 ? head.slice(0, head.lastIndexOf(' ')) : head;
  const t = tail.indexOf(' ') >= 0 && tail.indexOf(' ') < 10 ? tail.slice(tail.indexOf(' ') + 1) : tail;
  return `${h} … ${t}`;
}

export function TornadoChart({
  title,
  summary,
  rows,
  base,
  format,
}: {
  title: string;
  summary: string;
  rows: TornadoRow[];
  base: number;
  format: (v: number) => string;
}) {
  const id = useId();
  const values = [base, ...rows.flatMap((r) => [r.atLow, r.atHigh])];
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const pad = (hi - lo) * 0.05 || Math.abs(base) * 0.05 || 1;
  const ticks = niceTicks(lo - pad, hi + pad, 5);
  const xMin = ticks[0] ?? 0;
  const xMax = ticks[ticks.length - 1] ?? 1;
  const plotL = LABEL_W + VALUE_W;
  const plotW = W - plotL - VALUE_W - 8;
  const x = (v: number) => plotL + ((v - xMin) / (xMax - xMin || 1)) * plotW;
  const H = TOP + rows.length * ROW_H + 40;
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${id}-t ${id}-d`} className="chart-svg tornado-chart">
        <title id={`${id}-t`}>{title}</title>
        <desc id={`${id}-d`}>{summary}</desc>
        <defs>
          <pattern id={`${id}-hatch`} patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)">
            <rect width="6" height="6" fill="#e8edee" />
            <line x1="0" y1="0" x2="0" y2="6" stroke={LOW} strokeWidth="3" />
          </pattern>
        </defs>
        {ticks.map((t) => (
          <g key={t}>
            <line x1={x(t)} x2={x(t)} y1={TOP - 6} y2={H - 34} stroke="#d8dde0" />
            <text x={x(t)} y={TOP - 10} textAnchor="middle" fontSize="11" fill="#425563">
              {compact.format(t)}
            </text>
          </g>
        ))}
        {rows.map((r, i) => {
          const yTop = TOP + i * ROW_H + 4;
          const seg = (v: number) => ({ left: x(Math.min(base, v)), width: Math.max(1, Math.abs(x(v) - x(base))) });
          const low = seg(r.atLow);
          const high = seg(r.atHigh);
          const leftValue = Math.min(r.atLow, r.atHigh);
          const rightValue = Math.max(r.atLow, r.atHigh);
          return (
            <g key={`${r.label}-${i}`} className="tornado-row">
              <text x={LABEL_W - 8} y={yTop + 15} textAnchor="end" fontSize="12" fill="#231f20">
                {short(r.label)}
                <title>{r.label}</title>
              </text>
              <rect x={low.left} y={yTop} width={low.width} height={ROW_H - 8} fill={`url(#${id}-hatch)`} stroke={LOW}>
                <title>{`${r.label}, at its low values: ${format(r.atLow)}`}</title>
              </rect>
              <rect x={high.left} y={yTop} width={high.width} height={ROW_H - 8} fill={HIGH}>
                <title>{`${r.label}, at its high values: ${format(r.atHigh)}`}</title>
              </rect>
              <text x={x(leftValue) - 4} y={yTop + 15} textAnchor="end" fontSize="11" fill="#231f20">
                {format(leftValue)}
              </text>
              <text x={x(rightValue) + 4} y={yTop + 15} textAnchor="start" fontSize="11" fill="#231f20">
                {format(rightValue)}
              </text>
            </g>
          );
        })}
        <line x1={x(base)} x2={x(base)} y1={TOP - 4} y2={TOP + rows.length * ROW_H + 4} stroke="#231f20" strokeWidth="2" />
        <g transform={`translate(${plotL}, ${H - 12})`}>
          <rect x="0" y="-12" width="24" height="12" fill={`url(#${id}-hatch)`} stroke={LOW} />
          <text x="30" y="0" fontSize="13" fill="#231f20">
            Input at its low values
          </text>
          <rect x="200" y="-12" width="24" height="12" fill={HIGH} />
          <text x="230" y="0" fontSize="13" fill="#231f20">
            Input at its high values
          </text>
        </g>
        <text x={x(base)} y={H - 26} textAnchor="middle" fontSize="11" fill="#231f20">
          central {format(base)}
        </text>
      </svg>
    </figure>
  );
}
