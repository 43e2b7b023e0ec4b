import { describe, expect, it } from 'vitest';
import { formatMoneyShort } from './format';

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
