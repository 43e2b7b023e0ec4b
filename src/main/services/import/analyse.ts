/**
 * Analysing a loaded sheet: the worker finds its header row and describes its columns; this
 * side refuses a file that is plainly something else and proposes a mapping, or reuses the one
 * saved for the same layout.
 */
import type { ImportMapping, ImportTarget, SheetAnalysis, SheetSummary } from '../../../shared/api/channels/import';
import { AppError } from '../../../shared/api/errors';
import type { Db } from '../../db/connection';
import type { Analysis } from './engine';
import { cellText } from './limits';
import { savedFor } from './mappings';
import { emptyValues, knownStaffGroups, planRef, signatureOf } from './plan-ref';
import { NO_PROGRESS, type ImportSessions, type LoadedImport, type Progress } from './sessions';
import { notStaffInPost } from './vocabulary';
import { listOf, TARGET_WORDS } from './wording';

export async function analyseImport(
  db: Db,
  loaded: LoadedImport,
  target: ImportTarget,
  options: { sheet?: string | undefined; headerRow?: number | undefined; mappingName?: string | undefined } = {},
  p: Progress = NO_PROGRESS,
): Promise<SheetAnalysis> {
  const ref = planRef(db, null);
  const sheet = options.sheet ?? pickSheet(loaded.sheets);
  if (!loaded.sheets.some((s) => s.name === sheet)) {
    throw new AppError(
      'VALIDATION',
      `"${loaded.fileName}" has no sheet called "${sheet}". Its sheets are: ${loaded.sheets.map((s) => `"${s.name}"`).join(', ')}.`,
    );
  }
  p.progress(0.5, `Finding the headings in ${sheet}…`);
  const a = await loaded.worker.request<Analysis>(
    { type: 'analyse', sheet, headerRow: options.headerRow, staffGroups: knownStaffGroups(ref) },
    { signal: p.signal },
  );
  const notStaff = notStaffInPost(a.headers, a.titles, target);
  if (notStaff) {
    throw new AppError(
      'VALIDATION',
      `This looks like ${notStaff.what}, not ${target === 'baseline' ? 'staff in post' : TARGET_WORDS[target]}: sheet "${sheet}" of "${loaded.fileName}" has ${notStaff.evidence.length === 1 ? 'the heading' : 'the headings'} ${listOf(notStaff.evidence.map((e) => `"${cellText(e)}"`))}. Import a file of ${target === 'baseline' ? 'staff in post (FTE or headcount by organisation and role)' : TARGET_WORDS[target]} instead.`,
    );
  }
  loaded.analysis = a;
  const signature = signatureOf(a.headers);
  const saved = savedFor(db, signature, target, options.mappingName);
  let proposed: ImportMapping = {
    target,
    sheet,
    headerRow: a.headerRow,
    columns: a.columns.map((c) => ({
      index: c.index,
      field: c.field,
      ...(c.year !== undefined ? { year: c.year } : {}),
      ...(c.staffGroup !== undefined ? { staffGroup: c.staffGroup } : {}),
    })),
    values: emptyValues(),
    // The measure of a cross-tab or "Total" column only when the titles or headings say it.
    options: a.measure.confidence === 'sure' && a.measure.proposed ? { measure: a.measure.proposed } : {},
  };
  if (saved) {
    const m = JSON.parse(saved.mapping) as ImportMapping;
    proposed = { ...m, target, sheet, headerRow: options.headerRow ?? m.headerRow };
  }
  const personLevel = proposed.options.personLevel ?? proposed.columns.some((c) => c.field === 'personal' || c.field === 'date_of_birth');
  return {
    token: loaded.token,
    fileName: loaded.fileName,
    sheet,
    sheets: loaded.sheets,
    headerRow: a.headerRow,
    headerRows: a.headerRows,
    columns: a.columns.map((c) => ({ ...c, ...(proposed.columns.find((x) => x.index === c.index) ?? { field: 'ignore' }) })),
    sample: a.sample,
    dataRows: a.dataRows,
    personLevel,
    headerless: a.headerless,
    titles: a.titles,
    measure: a.measure,
    signature,
    savedMapping: saved?.name ?? null,
    proposed,
  };
}

/** The sheet most likely to hold the data: the one with the most cells. */
function pickSheet(sheets: SheetSummary[]): string {
  let best = sheets[0]!;
  for (const s of sheets) if (s.rows * Math.max(1, s.columns) > best.rows * Math.max(1, best.columns)) best = s;
  return best.name;
}

/** Loads a file and analyses its likeliest sheet; a file that cannot be analysed is closed again. */
export async function loadAndAnalyse(
  db: Db,
  sessions: ImportSessions,
  bytes: Uint8Array,
  fileName: string,
  target: ImportTarget,
  p: Progress = NO_PROGRESS,
): Promise<SheetAnalysis> {
  const loaded = await sessions.load(bytes, fileName, p);
  try {
    return await analyseImport(db, loaded, target, {}, p);
  } catch (err) {
    await sessions.discard(loaded.token);
    throw err;
  }
}
