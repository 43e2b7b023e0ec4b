/**
 * A line chart drawn as plain SVG. The app draws its own charts because the two it needs
 * besides lines, the bridge waterfall and the fan chart's range areas, are Enterprise-only in
 * AG Charts (see the README); the line chart is drawn the same way so the charts look alike.
 * The numbers are also given as text (the `summary`), never only as a picture.
 */
import { useId } from 'react';
import { compact, niceTicks } from './scale';

export interface LineSeries {
  name: string;
  values: number[];
  /** Colour and dash both tell the series apart, so colour is never the only cue. */
  colour: string;
  dashed?: boolean;
}

const W = 760;
const H = 300;
const PAD = { left: 64, right: 40, top: 16, bottom: 56 };

export interface LineChartProps {
  title: string;
  summary: string;
  categories: string[];
  series: LineSeries[];
  yLabel: string;
}

export function LineChart(props: LineChartProps) {
  return (
    <figure className="chart">
      <LineChartSvg {...props} />
    </figure>
  );
}

/** The chart itself, a standalone SVG: the window shows it, and the board exports draw it as a picture. */
export function LineChartSvg({ title, summary, categories, series, yLabel }: LineChartProps) {
  const id = useId();
  const all = series.flatMap((s) => s.values);
  const lo = Math.min(...all);
  const hi = Math.max(...all);
  const span = hi - lo || 1;
  const ticks = niceTicks(Math.max(0, lo - span * 0.15), hi + span * 0.05);
  const yMin = ticks[0] ?? 0;
  const yMax = ticks[ticks.length - 1] ?? 1;
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const x = (i: number) => PAD.left + (categories.length <= 1 ? plotW / 2 : (i * plotW) / (categories.length - 1));
  const y = (v: number) => PAD.top + plotH - ((v - yMin) / (yMax - yMin || 1)) * plotH;
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
      {ticks.map((t) => (
        <g key={t}>
          <line x1={PAD.left} x2={W - PAD.right} y1={y(t)} y2={y(t)} stroke="#d8dde0" />
          <text x={PAD.left - 8} y={y(t) + 4} textAnchor="end" fontSize="12" fill="#425563">
            {compact.format(t)}
          </text>
        </g>
      ))}
      <text x={14} y={PAD.top + plotH / 2} fontSize="12" fill="#425563" textAnchor="middle" transform={`rotate(-90 14 ${PAD.top + plotH / 2})`}>
        {yLabel}
      </text>
      {categories.map((c, i) => (
        <text key={c} x={x(i)} y={H - PAD.bottom + 18} textAnchor="middle" fontSize="12" fill="#425563">
          {c}
        </text>
      ))}
      {series.map((s) => (
        <g key={s.name}>
          <polyline
            fill="none"
            stroke={s.colour}
            strokeWidth="3"
            strokeDasharray={s.dashed ? '8 5' : undefined}
            points={s.values.map((v, i) => `${x(i)},${y(v)}`).join(' ')}
          />
          {s.values.map((v, i) => (
            <circle key={i} cx={x(i)} cy={y(v)} r="3.5" fill={s.colour}>
              <title>{`${s.name}, ${categories[i] ?? ''}: ${v.toLocaleString('en-GB', { maximumFractionDigits: 1, minimumFractionDigits: 1 })}`}</title>
            </circle>
          ))}
        </g>
      ))}
      {series.map((s, i) => (
        <g key={`legend-${s.name}`} transform={`translate(${PAD.left + i * 200}, ${H - 14})`}>
          <line x1="0" x2="28" y1="-4" y2="-4" stroke={s.colour} strokeWidth="3" strokeDasharray={s.dashed ? '8 5' : undefined} />
          <text x="34" y="0" fontSize="13" fill="#231f20">
            {s.name}
          </text>
        </g>
      ))}
    </svg>
  );
}
