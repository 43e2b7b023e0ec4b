/**
 * What to do about a problem, said the way the user can do it: a step of the wizard in the
 * app, an option on the command line. Every message that asks for an answer ends with one of
 * these.
 */
import type { ImportTarget } from '../../../shared/api/channels/import';

export type Via = 'app' | 'cli';

/** What each target imports, in the words of a message. */
export const TARGET_WORDS: Record<ImportTarget, string> = { baseline: 'baseline', intakes: 'intakes', joiners: 'other joiners', demand: 'demand changes' };

export interface Wording {
  readonly via: Via;
  /** Saying what a column holds. */
  column(header: string, field: string): string;
  /** Mapping one of the file's values (an organisation, role, staff group or pipeline) onto the plan. */
  value(kind: 'org' | 'role' | 'staffGroup' | 'pipeline', value: string): string;
  /** Skipping a file's organisations. */
  skipOrgs(values: string[]): string;
  period(): string;
  measure(): string;
  fteFromHeadcount(): string;
  largeChanges(): string;
  headerRow(): string;
}

const CLI_KIND = { org: 'org', role: 'role', staffGroup: 'staff_group', pipeline: 'pipeline' } as const;
const APP_KIND = { org: 'organisation', role: 'role', staffGroup: 'role', pipeline: 'pipeline' } as const;
const cliQuote = (s: string) => s.replace(/"/g, '\\"');

export const APP_WORDING: Wording = {
  via: 'app',
  column: () => 'choose what it holds on the Columns step',
  value: (kind) => `map it to a plan ${APP_KIND[kind]} on the Check step, or choose "Skip these rows"`,
  skipOrgs: (values) => (values.length === 1 ? 'map it to a plan organisation on the Check step' : 'map them to plan organisations on the Check step'),
  period: () => 'choose one under "Period to import"',
  measure: () => 'say which on the Columns step',
  fteFromHeadcount: () => 'choose under "FTE for lines with headcount only" on the Preview step',
  largeChanges: () => 'import or leave out each flagged line on the Preview step',
  headerRow: () => 'set the row the headings are on, on the Sheet step',
};

export const CLI_WORDING: Wording = {
  via: 'cli',
  column: (header, field) => `use --map "${cliQuote(header || 'A')}=${field}"`,
  value: (kind, value) =>
    kind === 'org'
      ? `use --value-map "org:${cliQuote(value)}=CODE" with a plan organisation's code, or --skip-org "${cliQuote(value)}"`
      : `use --value-map "${CLI_KIND[kind]}:${cliQuote(value)}=${kind === 'pipeline' ? 'NAME' : 'CODE'}"${kind === 'pipeline' ? " with a pipeline's name" : " with a plan role's code"}, or =skip`,
  skipOrgs: (values) => `use --value-map "org:${cliQuote(values[0] ?? 'NAME')}=CODE"`,
  period: () => 'use --period with one of them',
  measure: () => 'use --measure fte or --measure headcount',
  fteFromHeadcount: () => 'use --fte keep (keep each line’s FTE) or --fte derive (FTE from the plan’s FTE per head)',
  largeChanges: () => 'check them, then run again with --accept-large-changes',
  headerRow: () => 'use --header-row N (0 when the sheet has no headings)',
};

export const wordingFor = (via: Via): Wording => (via === 'cli' ? CLI_WORDING : APP_WORDING);

/** "a", "a and b", "a, b and c", "a, b, c and 4 more". */
export function listOf(items: string[], max = 6): string {
  if (items.length === 0) return '';
  if (items.length === 1) return items[0]!;
  if (items.length <= max) return `${items.slice(0, -1).join(', ')} and ${items.at(-1)!}`;
  const rest = items.length - max;
  return `${items.slice(0, max).join(', ')} and ${rest.toLocaleString('en-GB')} more`;
}

export const plural = (n: number, one: string, many = `${one}s`): string => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
