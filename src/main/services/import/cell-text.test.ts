import { describe, expect, it } from 'vitest';
import { cellText } from './limits';

describe('cellText', () => {
  it('keeps text of up to 80 characters as it is', () => {
    const t = 'x'.repeat(80);
    expect(cellText(t)).toBe(t);
  });

  it('cuts longer text to 79 characters and an ellipsis', () => {
    const t = `${'Nurse '.repeat(20)}end`;
    const cut = cellText(t);
    expect(Array.from(cut)).toHaveLength(80);
    expect(cut).toBe(`${t.slice(0, 79)}…`);
  });

  it('never cuts inside a character outside the basic plane', () => {
    const t = '😀'.repeat(100);
    expect(cellText(t)).toBe(`${'😀'.repeat(79)}…`);
  });
});
