/**
 * IPC fuzzing: every channel of the contract gets generated bad payloads — wrong types, huge
 * arrays, deep nesting, prototype keys, strings where numbers go, NaN/Infinity, very long
 * strings. Each must come back as a refusal inside the envelope, write nothing, and pollute no
 * prototype.
 */
import fc from 'fast-check';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppContext } from '../../src/main/app-context';
import { ScriptedDialogs } from '../../src/main/dialogs';
import { createHandlers } from '../../src/main/ipc/handlers';
import { dispatch } from '../../src/main/ipc/dispatch';
import { CHANNELS, contract, type ChannelName } from '../../src/shared/api/contract';
import { dumpPlan } from '../support/plans';
import { tempDir } from '../support/temp';

const PER_CHANNEL = 40;
const show = (v: unknown) => inspect(v, { depth: 2, maxArrayLength: 3, maxStringLength: 40, breakLength: Infinity });

function keysOf(channel: ChannelName): string[] {
  const schema = contract[channel].input as z.ZodType;
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
}

const evilKey = fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty');
const badScalar = fc.oneof(
  fc.constantFrom(
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    -0,
    -1,
    0,
    2 ** 53,
    1.5,
    'NaN',
    '12',
    '1,234',
    '12 FTE',
    '',
    ' ',
    true,
    false,
    null,
  ),
  fc.string({ maxLength: 20 }),
  fc.constant('x'.repeat(100_000)),
  fc.double(),
  fc.bigInt(),
  fc.constant(undefined),
);
const deep = fc.integer({ min: 50, max: 2000 }).map((n) => {
  let v: unknown = 1;
  for (let i = 0; i < n; i++) v = { a: v };
  return v;
});
const huge = fc.integer({ min: 10_000, max: 200_000 }).map((n) => new Array<number>(n).fill(7));
const polluting = fc.constantFrom(
  JSON.parse('{"__proto__": {"polluted": "yes"}}') as unknown,
  JSON.parse('{"constructor": {"prototype": {"polluted": "yes"}}}') as unknown,
  JSON.parse('{"name": "x", "__proto__": {"polluted": "yes"}}') as unknown,
);
const anyValue = fc.oneof(
  badScalar,
  deep,
  huge,
  polluting,
  fc.anything({ maxDepth: 3, withNullPrototype: true, key: fc.oneof(evilKey, fc.string({ maxLength: 8 })) }),
);

/** Payloads shaped like the channel's input but with wrong values, or not shaped at all. */
function payloads(channel: ChannelName): fc.Arbitrary<unknown> {
  const keys = keysOf(channel);
  const field = keys.length > 0 ? fc.constantFrom(...keys) : fc.string({ maxLength: 8 });
  const shaped = fc.dictionary(fc.oneof(field, evilKey), anyValue, { minKeys: 1, maxKeys: 4 });
  return fc.oneof(shaped, anyValue, fc.array(anyValue, { maxLength: 5 }));
}

describe('IPC fuzzing', () => {
  it(`refuses generated bad payloads on every channel (${PER_CHANNEL} each), writing nothing`, async () => {
    const dir = tempDir('wfp-fuzz-');
    const ctx = new AppContext({ userDataDir: dir, dialogs: new ScriptedDialogs(), appVersion: 'test', autoBackup: false });
    ctx.openAtStartup();
    const handlers = createHandlers(ctx);
    const before = dumpPlan(ctx.db, []);
    const changes = () => (ctx.db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
    const startChanges = changes();
    const escaped: string[] = [];
    let refused = 0;
    let accepted = 0;
    const started = Date.now();
    for (const channel of CHANNELS) {
      const samples = fc.sample(payloads(channel), { numRuns: PER_CHANNEL, seed: 42 + CHANNELS.indexOf(channel) });
      for (const payload of samples) {
        let valid = false;
        try {
          valid = contract[channel].input.safeParse(payload ?? {}).success;
        } catch {
          // The schema itself cannot cope with this payload; dispatch must still refuse it.
        }
        const changesBefore = changes();
        let envelope: Awaited<ReturnType<typeof dispatch>>;
        try {
          envelope = await dispatch(handlers, channel, payload);
        } catch (err) {
          escaped.push(`${channel}: ${String(err)} for ${show(payload)}`);
          continue;
        }
        expect(typeof envelope.ok, channel).toBe('boolean');
        if (valid) {
          // A generated payload that happens to be valid (e.g. {} with a prototype key the schema strips): allowed to run.
          accepted += 1;
          continue;
        }
        expect(envelope.ok, `${channel} accepted ${show(payload)}`).toBe(false);
        expect(changes(), `${channel} wrote after refusing`).toBe(changesBefore);
        if (!envelope.ok) {
          expect(envelope.error.code, channel).toBe('VALIDATION');
          expect(envelope.error.message.length).toBeGreaterThan(0);
        }
        refused += 1;
      }
      expect(({} as Record<string, unknown>)['polluted'], `prototype polluted via ${channel}`).toBeUndefined();
    }
    const elapsed = Date.now() - started;
    console.log(`IPC fuzz: ${CHANNELS.length} channels, ${refused} refused, ${accepted} valid by chance, ${elapsed} ms`);
    expect(refused).toBeGreaterThan(CHANNELS.length * PER_CHANNEL * 0.9);
    if (accepted === 0) {
      expect(changes()).toBe(startChanges);
      expect(dumpPlan(ctx.db, [])).toEqual(before);
    }
    expect(Object.prototype).not.toHaveProperty('polluted');
    ctx.close();
    expect(escaped, 'errors thrown past the envelope').toEqual([]);
  }, 60_000);
});
