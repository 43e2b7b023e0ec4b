/** The simulation's numbers turned the way the window writes them. */
import type { BandsDto } from '../../../../shared/api/channels/uncertainty';

/**
 * Supply − demand (a shortfall negative, as the app writes a gap) from the gap's percentiles
 * (demand − supply): the runs' order reverses, so the low (P10) of one is minus the high (P90)
 * of the other.
 */
export function surplusBands(gap: BandsDto): BandsDto {
  return { p10: gap.p90.map((v) => -v), p50: gap.p50.map((v) => -v), p90: gap.p10.map((v) => -v) };
}
