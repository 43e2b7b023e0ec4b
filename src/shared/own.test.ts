import { describe, expect, it } from 'vitest';
import { own, ownCopy, setOwn } from './own';

describe('records keyed by file text', () => {
  it('treat "__proto__", "constructor" and "toString" as ordinary keys', () => {
    const r = ownCopy<number | null>(JSON.parse('{"__proto__": 1, "kept": 2}') as Record<string, number | null>);
    setOwn(r, 'constructor', 3);
    setOwn(r, '__proto__', 4);
    expect(own(r, '__proto__')).toBe(4);
    expect(own(r, 'constructor')).toBe(3);
    expect(own(r, 'toString')).toBeUndefined();
    expect(own({}, 'constructor')).toBeUndefined();
    expect(Object.keys(r).sort()).toEqual(['__proto__', 'constructor', 'kept']);
    expect(JSON.parse(JSON.stringify(r))).toEqual(JSON.parse('{"__proto__": 4, "kept": 2, "constructor": 3}'));
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  });
});
