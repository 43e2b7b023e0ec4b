/**
 * How a grid cell turns typed or pasted text into an edit. Each editable column has a parser:
 * given the row as it stands (with earlier cells of the same paste already applied) and the
 * text, it returns the edit to send and the row as it would then be, or a reason to refuse.
 */
import type { z } from 'zod';
import { singleEdit, type SingleEdit } from '../../../shared/api/channels/edits';
import { parseYearLabel } from '../../../shared/format';
import { parseNumberText } from '../../../shared/numbers';
import { call } from '../api';

/** One edit of the batch, before the grid adds where it came from. */
export type EditInput = Omit<SingleEdit, 'at'>;

export type ParseResult<R> = { ok: true; draft: R; edit: EditInput } | { ok: false; reason: string };
export type CellParser<R> = (draft: R, text: string) => ParseResult<R>;

/** The first message of a zod failure, as shown to users. */
export function firstIssue(error: z.ZodError, fallback = 'Not a valid value'): string {
  return error.issues[0]?.message ?? fallback;
}

/**
 * A numeric cell: reads "1,234", "£5,000", "24%" (in percentage columns), checks the value with
 * the field's own schema, then builds the edit. Blank means "no value" and is refused unless
 * the column allows it (`blank` is then the value sent).
 */
export function numberCell<R>(
  schema: z.ZodType,
  build: (draft: R, value: number | null) => { draft: R; edit: EditInput },
  options: { percent?: boolean; blank?: 'clear' | 'refuse'; label?: string } = {},
): CellParser<R> {
  return (draft, text) => {
    const parsed = parseNumberText(text, { percent: options.percent });
    if (!parsed.ok) return { ok: false, reason: parsed.reason };
    if (parsed.value === null && options.blank !== 'clear') return { ok: false, reason: `${options.label ?? 'This cell'} cannot be blank` };
    if (parsed.value !== null) {
      const checked = schema.safeParse(parsed.value);
      if (!checked.success) return { ok: false, reason: firstIssue(checked.error) };
    }
    return { ok: true, ...build(draft, parsed.value) };
  };
}

/** A cell chosen from a fixed list: the text may be the stored key or the label shown. */
export function choiceCell<R, K extends string | number>(
  choices: readonly { key: K; label: string }[],
  build: (draft: R, key: K) => { draft: R; edit: EditInput },
  what: string,
): CellParser<R> {
  return (draft, text) => {
    const t = text.trim().toLowerCase();
    const found = choices.find((c) => String(c.key).toLowerCase() === t || c.label.toLowerCase() === t);
    if (!found) return { ok: false, reason: `"${text.trim()}" is not a known ${what}` };
    return { ok: true, ...build(draft, found.key) };
  };
}

/** A text cell checked with its schema. */
export function textCell<R>(schema: z.ZodType<string>, build: (draft: R, value: string) => { draft: R; edit: EditInput }): CellParser<R> {
  return (draft, text) => {
    const checked = schema.safeParse(text);
    if (!checked.success) return { ok: false, reason: firstIssue(checked.error) };
    return { ok: true, ...build(draft, checked.data) };
  };
}

/** The key that says two edits change the same thing (their `changes` can be merged). */
function mergeKey(edit: EditInput): string | null {
  const input = edit.input as Record<string, unknown>;
  if (!('changes' in input)) return null;
  const { changes: _changes, ...target } = input;
  return `${edit.channel}|${JSON.stringify(target)}`;
}

/**
 * Joins edits of the same record into one (so ten age bands of one row become one change of
 * the whole profile, checked once against "must add up to 100 %"); later values win.
 */
export function mergeEdits<T extends { edit: EditInput }>(items: T[]): (T & { merged: T[] })[] {
  const out: (T & { merged: T[] })[] = [];
  const byKey = new Map<string, T & { merged: T[] }>();
  for (const item of items) {
    const key = mergeKey(item.edit);
    const existing = key === null ? undefined : byKey.get(key);
    if (existing) {
      const a = existing.edit.input as { changes: Record<string, unknown> };
      const b = item.edit.input as { changes: Record<string, unknown> };
      existing.edit = { ...existing.edit, input: { ...existing.edit.input, changes: { ...a.changes, ...b.changes } } };
      existing.merged.push(item);
      continue;
    }
    const entry = { ...item, merged: [item] };
    out.push(entry);
    if (key !== null) byKey.set(key, entry);
  }
  return out;
}

/** Checks a whole edit against its channel's schema (cross-field rules such as the age profile's sum). */
export function checkEdit(edit: EditInput): string | null {
  const checked = singleEdit.safeParse({ ...edit, at: { row: '', column: '' } });
  return checked.success ? null : firstIssue(checked.error);
}

/** Sends one typed edit through its own channel (recorded as an edit in the grid). */
export function sendEdit(edit: EditInput): Promise<unknown> {
  const send = call as unknown as (channel: EditInput['channel'], input: EditInput['input']) => Promise<unknown>;
  return send(edit.channel, edit.input);
}

/** A financial year typed as "2024/25" or "2024". */
export function yearCell<R>(schema: z.ZodType, build: (draft: R, year: number) => { draft: R; edit: EditInput }): CellParser<R> {
  return (draft, text) => {
    const t = text.trim();
    const year = /^\d{4}$/.test(t) ? Number(t) : parseYearLabel(t);
    if (year === null) return { ok: false, reason: `"${t}" is not a financial year: type it as 2024/25` };
    const checked = schema.safeParse(year);
    if (!checked.success) return { ok: false, reason: firstIssue(checked.error) };
    return { ok: true, ...build(draft, year) };
  };
}
