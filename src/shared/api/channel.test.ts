import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { channel, mergeChannels } from './channel';
import { CHANNELS, contract } from './contract';

describe('the contract', () => {
  it('refuses a channel declared twice', () => {
    const a = { 'x/get': channel<number>()(z.object({})) };
    const b = { 'x/get': channel<string>()(z.object({})) };
    expect(() => mergeChannels(a, b)).toThrow('Channel x/get is declared twice');
  });

  it('names every channel domain/verb and gives each a schema', () => {
    expect(CHANNELS.length).toBeGreaterThan(10);
    for (const c of CHANNELS) {
      expect(c).toMatch(/^[a-z]+\/[a-z-]+$/);
      expect(typeof contract[c].input.safeParse).toBe('function');
    }
  });
});
