/**
 * Short names for organisations and roles, derived from the plan's own names so that a grid's
 * pinned columns stay narrow (the full name is always shown on hover). The rules are the same
 * for every plan: drop the legal suffix ("NHS Foundation Trust"), write "Clinical Commissioning
 * Group" as "CCG", and, when a proper name is still long, use its initials ("Royal Bournemouth
 * and Christchurch Hospitals" → "RBCH"); a long ordinary phrase is cut at a word with "…".
 */

/** Longest short name, in characters. */
export const SHORT_NAME_LENGTH = 24;

const LEGAL_SUFFIX = /\s+(?:University\s+)?NHS\s+(?:Foundation\s+)?Trust$/i;
const SMALL_WORDS = new Set(['and', 'of', 'the', 'for', 'in', 'on', 'at', '&']);

function initials(words: string[]): string {
  return words
    .filter((w) => !SMALL_WORDS.has(w.toLowerCase()))
    .map((w) => w[0]!.toUpperCase())
    .join('');
}

/**
 * Cuts after the last whole word (or hyphenated part) that leaves room for "…", never ending on
 * "and", "of" or a comma; when that would keep too little of the name, cuts inside the word.
 */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const parts = text.match(/[^\s-]+-?|\s+/g) ?? [text];
  let kept = '';
  for (const p of parts) {
    if ((kept + p).trimEnd().length > max - 1) break;
    kept += p;
  }
  let words = kept.trimEnd().split(' ');
  while (words.length > 1 && SMALL_WORDS.has(words[words.length - 1]!.toLowerCase())) words = words.slice(0, -1);
  const whole = words.join(' ').replace(/[\s,;:–-]+$/, '');
  const room = max - 1;
  return `${whole.length >= 0.6 * room ? whole : text.slice(0, room).trimEnd()}…`;
}

/** One name shortened (see the module comment); a name already short enough is kept as it is. */
export function shortName(name: string, max = SHORT_NAME_LENGTH): string {
  const full = name.trim().replace(/\s+/g, ' ');
  if (full.length <= max) return full;
  // A trailing "(…)" qualifier is kept if there is room for it, else dropped.
  const qualifier = /\s*(\([^()]*\))$/.exec(full);
  let core = qualifier ? full.slice(0, qualifier.index) : full;
  const tail = qualifier ? ` ${qualifier[1]!}` : '';
  core = core
    .replace(/^The\s+/i, '')
    .replace(LEGAL_SUFFIX, '')
    .replace(/\bClinical Commissioning Group\b/i, 'CCG');
  const fits = (s: string) => s.length <= max;
  if (fits(core + tail)) return core + tail;
  if (fits(core)) return core;
  const words = core.split(/[\s,]+/).filter((w) => w !== '');
  // A proper name (every significant word capitalised) becomes its initials; a trailing word
  // saying what kind of body it is ("Council", "Hospitals") stays when there is room.
  const proper = words.filter((w) => !SMALL_WORDS.has(w.toLowerCase())).every((w) => /^[A-Z]/.test(w));
  if (proper && words.length > 1) {
    const kind = words[words.length - 1]!;
    const withKind = `${initials(words.slice(0, -1))} ${kind}`;
    const plain = initials(words);
    const pick = /^(Council|Trust|Board|Authority|Partnership)$/i.test(kind) && fits(withKind + tail) ? withKind : plain;
    return fits(pick + tail) ? pick + tail : pick;
  }
  return cut(core, max);
}

/**
 * Short names for a list of items, made unique: when two would read the same, each of them
 * takes its code in brackets (or, with no code, keeps its full name).
 */
export function shortNames<T extends { id: number; name: string; code?: string }>(items: readonly T[], max = SHORT_NAME_LENGTH): Map<number, string> {
  const first = new Map(items.map((i) => [i.id, shortName(i.name, max)]));
  const count = new Map<string, number>();
  for (const s of first.values()) count.set(s, (count.get(s) ?? 0) + 1);
  const out = new Map<number, string>();
  for (const i of items) {
    const s = first.get(i.id)!;
    out.set(i.id, count.get(s)! > 1 ? (i.code ? `${s} (${i.code})` : i.name) : s);
  }
  return out;
}
