/**
 * A fan chart drawn as SVG: the band in which supply lies in 80 % of the simulated runs (P10 to
 * P90), its median (P50) as a solid line, and demand as a dashed line (with its own band, dotted,
 * when demand is uncertain too). The band is shaded and outlined, the lines differ by dash as
 * well as colour, and the numbers are given as text (the summary) and in a table beside it.
 */
import { useId } from 'react';
import type { BandsDto } from '../../../shared/api/channels/uncertainty';
import { compact, niceTicks } from './scale';

const PAD = { left: 64, right: 24, top: 16 };
const SUPPLY = '#005eb8';
const DEMAND = '#231f20';

const varies = (b: BandsDto) => b.p10.some((v, i) => Math.abs((b.p90[i] ?? v) - v) > 1e-9 * Math.max(1, Math.abs(v)));

export interface FanChartProps {
  title: string;
  summary: string;
  categories: string[];
  supply: BandsDto;
  demand: BandsDto;
  yLabel: string;
  width?: number;
  height?: number;
}

export function FanChart(props: FanChartProps) {
  return (
    <figure className="chart">
      <FanChartSvg {...props} />
    </figure>
  );
}

/** The chart itself, a standalone SVG: the window shows it, and the board exports draw it as a picture. */
export function FanChartSvg({ title, summary, categories, supply, demand, yLabel, width = 760, height = 300 }: FanChartProps) {
  const id = useId();
  const W = width;
  // A narrow chart (the side panel) stacks its legend and labels every other year.
  const narrow = W < 600;
  const bottom = narrow ? 86 : 56;
  const H = height + (narrow ? 30 : 0);
  const all = [...supply.p10, ...supply.p90, ...demand.p10, ...demand.p90];
  const lo = Math.min(...all);
  const hi = Math.max(...all);
  const span = hi - lo || Math.abs(hi) || 1;
  const ticks = niceTicks(Math.max(0, lo - span * 0.15), hi + span * 0.05);
  const yMin = ticks[0] ?? 0;
  const yMax = ticks[ticks.length - 1] ?? 1;
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - bottom;
  const x = (i: number) => PAD.left + (categories.length <= 1 ? plotW / 2 : (i * plotW) / (categories.length - 1));
  const y = (v: number) => PAD.top + plotH - ((v - yMin) / (yMax - yMin || 1)) * plotH;
  const line = (values: number[]) => values.map((v, i) => `${x(i)},${y(v)}`).join(' ');
  const band = (b: BandsDto) =>
    `${line(b.p90)} ${b.p10
      .map((v, i) => `${x(i)},${y(v)}`)
      .reverse()
      .join(' ')}`;
  const demandVaries = varies(demand);
  const legend = [
    {
      label: 'Supply, 80 % of runs (P10–P90)',
      swatch: <rect x="0" y="-12" width="28" height="12" fill={SUPPLY} fillOpacity="0.22" stroke={SUPPLY} strokeWidth="1" />,
    },
    { label: 'Supply, median (P50)', swatch: <line x1="0" x2="28" y1="-6" y2="-6" stroke={SUPPLY} strokeWidth="3" /> },
    {
      label: demandVaries ? 'Demand, median and P10–P90' : 'Demand',
      swatch: <line x1="0" x2="28" y1="-6" y2="-6" stroke={DEMAND} strokeWidth="3" strokeDasharray="8 5" />,
    },
  ];
  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      viewBox={`0 0 ${W} ${H}`}
      width={W}
      height={H}
      fontFamily="Arial, Arimo, Liberation Sans, sans-serif"
      role="img"
      aria-labelledby={`${id}-t ${id}-d`}
      className="chart-svg fan-chart"
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
      {categories.map((c, i) =>
        narrow && (categories.length - 1 - i) % 2 === 1 ? null : (
          <text key={c} x={x(i)} y={H - bottom + 18} textAnchor="middle" fontSize="12" fill="#425563">
            {c}
          </text>
        ),
      )}
      <polygon className="fan-band" points={band(supply)} fill={SUPPLY} fillOpacity="0.22" stroke={SUPPLY} strokeWidth="1" />
      {demandVaries ? <polygon className="fan-demand-band" points={band(demand)} fill="none" stroke={DEMAND} strokeWidth="1" strokeDasharray="2 3" /> : null}
      <polyline className="fan-median" fill="none" stroke={SUPPLY} strokeWidth="3" points={line(supply.p50)} />
      <polyline className="fan-demand" fill="none" stroke={DEMAND} strokeWidth="3" strokeDasharray="8 5" points={line(demand.p50)} />
      {supply.p50.map((v, i) => (
        <circle key={i} cx={x(i)} cy={y(v)} r="3.5" fill={SUPPLY}>
          <title>{`${categories[i] ?? ''}: supply ${compact.format(supply.p10[i] ?? 0)} to ${compact.format(supply.p90[i] ?? 0)} (median ${compact.format(v)}); demand ${compact.format(demand.p50[i] ?? 0)}`}</title>
        </circle>
      ))}
      {legend.map((l, i) => (
        <g key={l.label} transform={narrow ? `translate(${PAD.left - 40}, ${H - bottom + 44 + i * 18})` : `translate(${PAD.left + i * 230}, ${H - 14})`}>
          {l.swatch}
          <text x="34" y="0" fontSize="13" fill="#231f20">
            {l.label}
          </text>
        </g>
      ))}
    </svg>
  );
}
