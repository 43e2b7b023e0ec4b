import { describe, expect, it } from 'vitest';
import { formatDateTime, formatDateTimeSeconds, formatMadeOn, formatMoneyShort, safeFileName } from './format';

describe('formatMoneyShort', () => {
  it('writes pounds, thousands, millions and billions, with separators, never 1,000 of a unit', () => {
    expect(formatMoneyShort(412)).toBe('£412');
    expect(formatMoneyShort(340_000)).toBe('£340k');
    expect(formatMoneyShort(999_600)).toBe('£1.0m');
    expect(formatMoneyShort(1_234_567)).toBe('£1.2m');
    expect(formatMoneyShort(999_940_000)).toBe('£999.9m');
    expect(formatMoneyShort(999_960_000)).toBe('£1.0bn');
    expect(formatMoneyShort(78_738_100_000)).toBe('£78.7bn');
    expect(formatMoneyShort(1_234_500_000_000)).toBe('£1,234.5bn');
    expect(formatMoneyShort(-2_500_000_000)).toBe('−£2.5bn');
  });
});

describe('dates and times', () => {
  // 14:05:09 UTC on 3 March 2026 is 14:05:09 in London (GMT), and in the test run's own zone below.
  const at = '2026-03-03T14:05:09.000Z';
  const local = new Date(at);
  const hh = String(local.getHours()).padStart(2, '0');
  const mm = String(local.getMinutes()).padStart(2, '0');

  it('writes a moment to the second and to the minute in the machine zone', () => {
    expect(formatDateTimeSeconds(at)).toBe(`${local.getDate()} Mar 2026, ${hh}:${mm}:09`);
    expect(formatDateTime(at)).toBe(`${local.getDate()} Mar 2026, ${hh}:${mm}`);
    expect(formatDateTime(local.getTime())).toBe(formatDateTime(local));
  });

  it('writes when a board document was made in UK time, summer time included', () => {
    expect(formatMadeOn(at)).toBe('3 March 2026 at 14:05');
    expect(formatMadeOn(new Date('2026-07-01T23:30:00Z'))).toBe('2 July 2026 at 00:30');
  });
});

describe('safeFileName', () => {
  it('replaces characters file systems refuse and folds white space', () => {
    expect(safeFileName('Dorset: 2026/27 <draft> "v2" a\\b|c?*')).toBe('Dorset 2026 27 draft v2 a b c');
    expect(safeFileName('tab\there\u0001and\nnewline')).toBe('tab here and newline');
  });

  it('keeps at most 100 characters and falls back when nothing is left', () => {
    expect(safeFileName('x'.repeat(150))).toHaveLength(100);
    expect(safeFileName(' /:* ')).toBe('export');
    expect(safeFileName('???', 'plan')).toBe('plan');
  });
});
