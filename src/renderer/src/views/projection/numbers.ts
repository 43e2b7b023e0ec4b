/**
 * How results are written: a gap (demand − supply, positive = shortfall) is shown the way a
 * planner reads it, as supply minus demand: a shortfall has a minus sign (and red text), a
 * surplus a plus sign (neutral).
 */
import { formatFte, formatHeads } from '../../../../shared/format';

export type Unit = 'fte' | 'headcount';

/** Numbers smaller than this show as 0.0 and count as "no shortfall". */
const EPSILON = 0.05;

export function isShortfall(gap: number): boolean {
  return gap >= EPSILON;
}

/** 12.34 (a shortfall) → "−12.3"; −4 (a surplus) → "+4.0"; 0 → "0.0". */
export function formatGap(gap: number, unit: Unit = 'fte'): string {
  const fmt = unit === 'fte' ? formatFte : formatHeads;
  if (isShortfall(gap)) return `−${fmt(gap)}`;
  if (gap <= -EPSILON) return `+${fmt(-gap)}`;
  return fmt(0);
}

/** A signed change (b − a) with an explicit sign; "no change" when it rounds to zero. */
export function formatDelta(delta: number, format: (v: number) => string = formatFte): string {
  if (Math.abs(delta) < 1e-9) return 'no change';
  const shown = format(Math.abs(delta));
  if (/^[£]?0(\.0)?$/.test(shown)) return delta > 0 ? `+${format(Math.abs(delta))}` : `−${format(Math.abs(delta))}`;
  return delta > 0 ? `+${shown}` : `−${shown}`;
}
