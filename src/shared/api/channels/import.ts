/**
 * Importing spreadsheets: a file is loaded in main under an opaque token, analysed (header row,
 * proposed column mapping), run through a mapping (validation report + preview), then
 * committed as one undoable change. The types here are shared by main, the worker and the
 * wizard.
 */
import { z } from 'zod';
import { channel } from '../channel';
import { id } from '../schemas';
import { taskId } from './tasks';

export const IMPORT_TARGETS = ['baseline', 'intakes', 'joiners', 'demand'] as const;
export type ImportTarget = (typeof IMPORT_TARGETS)[number];
export const TARGET_LABELS: Record<ImportTarget, string> = {
  baseline: 'Baseline workforce (FTE, headcount, age profile)',
  intakes: 'Pipeline intakes by year',
  joiners: 'Other joiners by year',
  demand: 'Demand changes by year',
};

/** What a column holds. `personal` columns are dropped unread; `date_of_birth` is read only to work out an age band. */
export const FIELD_KEYS = [
  'ignore',
  'ask',
  'personal',
  'org_code',
  'org_name',
  'staff_group',
  'job_role',
  'fte',
  'headcount',
  'establishment',
  'hours',
  'age_band',
  'date_of_birth',
  'period',
  'measure',
  'value',
  'year',
  'pipeline',
  'joiner_kind',
  'description',
] as const;
export type FieldKey = (typeof FIELD_KEYS)[number];
export const FIELD_LABELS: Record<FieldKey, string> = {
  ignore: 'Ignore',
  ask: 'Not sure: choose what it holds',
  personal: 'Personal (dropped)',
  org_code: 'Organisation code',
  org_name: 'Organisation name',
  staff_group: 'Staff group',
  job_role: 'Role',
  fte: 'FTE',
  headcount: 'Headcount',
  establishment: 'Establishment FTE',
  hours: 'Contracted hours',
  age_band: 'Age band',
  date_of_birth: 'Date of birth (age band only)',
  period: 'Period / month',
  measure: 'Measure (Data Type)',
  value: 'Value',
  year: 'Year',
  pipeline: 'Pipeline',
  joiner_kind: 'Joiner kind',
  description: 'Description',
};

export type CellValue = string | number | boolean | null;

export interface ColumnMap {
  index: number;
  field: FieldKey;
  /** For a wide column holding one year's values ("2019/20"). */
  year?: number | undefined;
  /** For a wide column holding one staff group's values (a cross-tab). */
  staffGroup?: string | undefined;
}

/** How sure the importer is of what a column holds: an unsure column is a question, never a default. */
export type Confidence = 'sure' | 'likely' | 'unsure';

export interface ColumnInfo extends ColumnMap {
  letter: string;
  header: string;
  confidence: Confidence;
  /** Why it was proposed ("the heading names FTE", "no heading; its values look like organisation codes"). */
  reason: string;
}

export interface SheetSummary {
  name: string;
  rows: number;
  columns: number;
}

export interface ImportProblem {
  /** A note is about rows that are not imported: it never stops an import. */
  severity: 'error' | 'warning' | 'note';
  file: string;
  sheet: string;
  /** Spreadsheet row number as the user sees it, or null for the whole file. */
  row: number | null;
  /** "C (FTE)", or null. */
  column: string | null;
  message: string;
}

export interface ImportOptions {
  /** Only rows of this period (month) are read: files such as HCHS hold several. */
  period?: string | undefined;
  /** One row per person: count heads and warn on FTE above 1.5. Worked out from the columns when not given. */
  personLevel?: boolean | undefined;
  hoursPerFte?: number | undefined;
  /** For joiners files with no kind column. */
  joinerKind?: 'international' | 'return-to-practice' | 'labour-market' | undefined;
  /** What the figures in a cross-tab or a "Total" column count, when no column says. */
  measure?: 'fte' | 'headcount' | undefined;
  /** A file of headcount with no FTE: keep each cell's FTE, or derive it from the plan's FTE per head. */
  fteFromHeadcount?: 'keep' | 'derive' | undefined;
  /** A file of FTE with no headcount: keep the plan's headcount, scale it with FTE (the default), or clear it. */
  headcount?: KeepPolicy | undefined;
  /** A file with no establishment: keep the plan's (the default), scale it with FTE, or clear it. */
  establishment?: KeepPolicy | undefined;
  /** The share of each organisation (by plan code) this import applies instead of the plan's own; 1 when the file holds only the plan's part. */
  shares?: Record<string, number> | undefined;
  /** Answers for large or partial changes, by preview key: import the line, or leave the plan as it is. */
  decisions?: Record<string, 'import' | 'exclude'> | undefined;
  /** Import every large or partial change (the command line's --accept-large-changes). */
  acceptLargeChanges?: boolean | undefined;
  /** Read rows that equal the sum of the rows above as data instead of skipping them as subtotals. */
  keepSumRows?: boolean | undefined;
}

export type KeepPolicy = 'keep' | 'scale' | 'clear';

/** Value mappings: a file's value → plan id, or null to skip its rows. */
export interface ValueMappings {
  org: Record<string, number | null>;
  role: Record<string, number | null>;
  /** Staff group → roles with the share of the group's FTE each takes (shares sum to 1), or null to skip. */
  staffGroup: Record<string, { roleId: number; share: number }[] | null>;
  pipeline: Record<string, number | null>;
}

export interface ImportMapping {
  target: ImportTarget;
  sheet: string;
  /** 1-based spreadsheet row of the (last) header row; 0 when the sheet has none. */
  headerRow: number;
  columns: ColumnMap[];
  values: ValueMappings;
  options: ImportOptions;
}

export interface ValueStat {
  value: string;
  rows: number;
  firstRow: number;
  total: number;
}

export interface ValueChoice {
  kind: 'org' | 'role' | 'staffGroup' | 'pipeline';
  value: string;
  rows: number;
  firstRow: number;
  /** Where the proposal came from: "code", "name", "saved", "demo mapping", "" when unmapped. */
  proposedBy: string;
}

export interface PreviewRow {
  /** Stable across checks: what a decision about this line is filed under. */
  key: string;
  /** "Registered nurse at Dorset County Hospital…" or "RNDA 2024/25". */
  label: string;
  org: string;
  role: string;
  year: number | null;
  /** rounding: the figures move by less than 0.05; excluded: a large change the user chose not to import. */
  status: 'added' | 'replaced' | 'rounding' | 'unchanged' | 'excluded';
  before: string;
  after: string;
  /** What happens to the figures the file does not hold, and the share applied ("whole trust 3,891.0 FTE × 27.0 % = 1,049.4"). */
  notes: string[];
  /** Why the line needs an answer before it is imported. */
  flag: { kind: 'large' | 'partial'; reason: string } | null;
  decision: 'import' | 'exclude' | null;
  /** Change of the line's main figure (FTE, or heads for intakes); null for an added line. */
  delta: number | null;
}

export type SkipReason = 'blank' | 'notes' | 'total' | 'blank-key' | 'sum' | 'period' | 'measure' | 'unmapped';

export interface SkippedRows {
  reason: SkipReason;
  /** "total and subtotal rows (by their label)" */
  label: string;
  rows: number;
  /** A few of them: "row 14: 'Grand total'". */
  examples: string[];
}

/** Something the user must answer before the import can go ahead (not an error in the file). */
export interface ImportQuestion {
  kind: 'fte-from-headcount' | 'large-changes';
  message: string;
}

/** An organisation the plan holds only a share of, and what this import does with it. */
export interface ShareLine {
  orgId: number;
  org: string;
  code: string;
  /** The share applied, 0–1. */
  share: number;
  /** Where the share comes from: the plan's source note, or "given for this import". */
  source: string;
  /** The plan's own share (1 when it holds the whole organisation). */
  planShare: number;
  /** The file's whole-organisation total and what the plan gets, in the import's measure. */
  whole: number;
  planned: number;
  /** "whole trust 3,891.0 FTE × 27.0 % = 1,049.4" */
  text: string;
}

export interface ImportReport {
  token: string;
  fileName: string;
  target: ImportTarget;
  rowsRead: number;
  rowsUsed: number;
  rowsSkipped: { blank: number; subtotal: number; filtered: number; unmapped: number };
  /** Skipped rows by reason, with examples. */
  skipped: SkippedRows[];
  periods: string[];
  errors: number;
  warnings: number;
  /** Problems in rows that are not imported (organisations not in the plan, skipped roles): counted, never blocking. */
  notes: number;
  /** At most 500 listed; `errors`/`warnings` count them all. */
  problems: ImportProblem[];
  /** Open questions: the import waits for their answers. */
  questions: ImportQuestion[];
  /** What the file's figures count, and whether it holds headcount only or FTE only. */
  unit: { measure: 'fte' | 'headcount' | 'mixed' | null; headcountOnly: boolean; fteOnly: boolean; establishment: boolean };
  /** Organisations imported at a share of their whole. */
  shares: ShareLine[];
  values: ValueChoice[];
  mapping: ImportMapping;
  preview: PreviewRow[];
  counts: { added: number; replaced: number; rounding: number; unchanged: number; excluded: number; flagged: number };
  /** FTE (or heads, or FTE change) by organisation code and the file's staff group, before mapping to roles. */
  totalsBySource: { org: string; staffGroup: string; value: number }[];
  canCommit: boolean;
}

export interface SheetAnalysis {
  token: string;
  fileName: string;
  sheet: string;
  sheets: SheetSummary[];
  headerRow: number;
  headerRows: number;
  columns: ColumnInfo[];
  /** First data rows; personal columns shown as "•••". */
  sample: CellValue[][];
  dataRows: number;
  personLevel: boolean;
  /** The sheet has no heading row: its columns are offered by number, and data starts on row 1. */
  headerless: boolean;
  /** Text of the rows above the headings (titles, notes). */
  titles: string[];
  /** What the figures count when no column says, as the titles or headings state it; null when unsure. */
  measure: { proposed: 'fte' | 'headcount' | null; confidence: Confidence; reason: string };
  signature: string;
  savedMapping: string | null;
  proposed: ImportMapping;
}

export interface ImportHistoryRow {
  id: number;
  at: string;
  user: string;
  fileName: string;
  sha256: string;
  size: number;
  target: ImportTarget;
  scenarioId: number | null;
  rowsRead: number;
  added: number;
  replaced: number;
  changeId: number | null;
  state: 'active' | 'undone';
}

export interface SavedMappingRow {
  id: number;
  name: string;
  signature: string;
  target: ImportTarget;
  updatedAt: string;
}

const token = z.string().regex(/^[a-f0-9]{32}$/, 'Not an import token');
const fieldKey = z.enum(FIELD_KEYS);
const columnMap = z
  .object({
    index: z.number().int().min(0).max(16_383),
    field: fieldKey,
    year: z.number().int().min(1900).max(2200).optional(),
    staffGroup: z.string().max(200).optional(),
  })
  .strict();
/**
 * A record keyed by a file's own text. Built without a prototype, key by key, so that a value
 * such as "__proto__" or "constructor" is an ordinary key (a plain record would drop or
 * misread it).
 */
const safeRecord = <T extends z.ZodType>(v: T) =>
  z
    .custom<Record<string, unknown>>((x) => typeof x === 'object' && x !== null && !Array.isArray(x), 'Expected a list of values')
    .transform((x, ctx): Record<string, z.output<T>> => {
      const out = Object.create(null) as Record<string, z.output<T>>;
      for (const [key, value] of Object.entries(x)) {
        if (key.length > 500) {
          ctx.addIssue({ code: 'custom', message: 'A value is longer than 500 characters', path: [key] });
          return z.NEVER;
        }
        const parsed = v.safeParse(value);
        if (!parsed.success) {
          ctx.addIssue({ code: 'custom', message: parsed.error.issues[0]?.message ?? 'Not a valid mapping', path: [key] });
          return z.NEVER;
        }
        Object.defineProperty(out, key, { value: parsed.data, enumerable: true, writable: true, configurable: true });
      }
      return out;
    });
export const importMappingSchema = z
  .object({
    target: z.enum(IMPORT_TARGETS),
    sheet: z.string().max(200),
    headerRow: z.number().int().min(0).max(1_000),
    columns: z.array(columnMap).max(16_384),
    values: z
      .object({
        org: safeRecord(id.nullable()),
        role: safeRecord(id.nullable()),
        staffGroup: safeRecord(
          z
            .array(z.object({ roleId: id, share: z.number().min(0).max(1) }).strict())
            .max(50)
            .nullable(),
        ),
        pipeline: safeRecord(id.nullable()),
      })
      .strict(),
    options: z
      .object({
        period: z.string().max(100).optional(),
        personLevel: z.boolean().optional(),
        hoursPerFte: z.number().min(1).max(80).optional(),
        joinerKind: z.enum(['international', 'return-to-practice', 'labour-market']).optional(),
        measure: z.enum(['fte', 'headcount']).optional(),
        fteFromHeadcount: z.enum(['keep', 'derive']).optional(),
        headcount: z.enum(['keep', 'scale', 'clear']).optional(),
        establishment: z.enum(['keep', 'scale', 'clear']).optional(),
        shares: safeRecord(z.number().gt(0).max(1)).optional(),
        decisions: safeRecord(z.enum(['import', 'exclude'])).optional(),
        acceptLargeChanges: z.boolean().optional(),
        keepSumRows: z.boolean().optional(),
      })
      .strict(),
  })
  .strict();

/** Largest file the window may send: bigger files are refused before they are read. */
export const MAX_IMPORT_BYTES = 200 * 1024 * 1024;

export const importChannels = {
  /** Choose a file with the system dialog; null when cancelled. */
  'import/choose-file': channel<SheetAnalysis | null>()(z.object({ taskId, target: z.enum(IMPORT_TARGETS) }).strict()),
  /** A file dropped on the window or picked in the wizard, sent as bytes. */
  'import/load-bytes': channel<SheetAnalysis>()(
    z
      .object({
        taskId,
        target: z.enum(IMPORT_TARGETS),
        name: z.string().min(1).max(255),
        bytes: z.instanceof(Uint8Array).refine((b) => b.byteLength <= MAX_IMPORT_BYTES, `Files over ${MAX_IMPORT_BYTES / 1024 / 1024} MB cannot be imported.`),
      })
      .strict(),
  ),
  'import/analyse': channel<SheetAnalysis>()(
    z.object({ taskId, token, target: z.enum(IMPORT_TARGETS), sheet: z.string().max(200), headerRow: z.number().int().min(0).max(1_000).optional() }).strict(),
  ),
  'import/validate': channel<ImportReport>()(z.object({ taskId, token, scenarioId: id, mapping: importMappingSchema }).strict()),
  'import/commit': channel<ImportHistoryRow>()(
    z.object({ taskId, token, scenarioId: id, mapping: importMappingSchema, saveMappingAs: z.string().trim().min(1).max(100).optional() }).strict(),
  ),
  'import/discard': channel<{ discarded: boolean }>()(z.object({ token }).strict()),
  'import/history': channel<ImportHistoryRow[]>()(z.object({}).strict()),
  'import/undo': channel<ImportHistoryRow>()(z.object({ importId: id }).strict()),
  'import/mappings': channel<SavedMappingRow[]>()(z.object({}).strict()),
} as const;
