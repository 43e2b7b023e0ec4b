import type { z } from 'zod';

export interface ChannelDef<I extends z.ZodType, O> {
  input: I;
  /** Phantom: carries the output type only. */
  output: O;
}

/** Declares a channel: `channel<Output>()(inputSchema)`. */
export function channel<O>() {
  return <I extends z.ZodType>(input: I): ChannelDef<I, O> => ({ input, output: undefined as O });
}

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;

/** Joins the domains' channel tables; a channel named twice is a programming error and throws. */
export function mergeChannels<T extends Record<string, ChannelDef<z.ZodType, unknown>>[]>(...tables: T): UnionToIntersection<T[number]> {
  const out: Record<string, ChannelDef<z.ZodType, unknown>> = Object.create(null) as Record<string, ChannelDef<z.ZodType, unknown>>;
  for (const table of tables) {
    for (const [name, def] of Object.entries(table)) {
      if (name in out) throw new Error(`Channel ${name} is declared twice`);
      out[name] = def;
    }
  }
  return Object.freeze(out) as UnionToIntersection<T[number]>;
}
