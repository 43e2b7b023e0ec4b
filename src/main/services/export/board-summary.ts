/**
 * The board summary, a PDF of two to four A4 pages: headline figures, targets with status and
 * why, supply against demand, the system bridge, shortage roles, the biggest gaps, the key
 * assumptions with their status, and the plan file's SHA-256. Main works out the content
 * (boardSummary); the app's print view draws it (src/renderer/src/views/print), and a browser
 * engine prints that view: Electron in the app, Chromium in the tests and on the command line.
 */
import path from 'node:path';
import type { BoardSummaryData } from '../../../shared/api/channels/export';
import type { UncertaintyResult } from '../../../shared/api/channels/uncertainty';
import { AppError } from '../../../shared/api/errors';
import { formatMadeOn, yearLabel } from '../../../shared/format';
import { biggestGaps, criteriaMet, describeShortageCriteria } from '../../../shared/model';
import type { AssumptionStatus, ShortageRoleResult } from '../../../shared/model/types';
import { systemBridgeSteps } from '../../../renderer/src/charts/board-charts';
import type { Db } from '../../db/connection';
import { checkWritableTarget, writeFileAtomic } from '../../fs/atomic';
import { groupAssumptions, sourceSummary } from './assumption-groups';
import { loadBoard, planFacts } from './board';
import { names } from './board-kit';

export interface SummaryRequest {
  scenarioId: number;
  planFile: string;
  planHash: string;
  appVersion: string;
  now?: Date;
  /** The scenario's simulation (uncertainty/run): the fan and the targets' chances are shown when it has ranges. */
  uncertainty?: UncertaintyResult | null;
}

/** The summary's content for one scenario, from the engine. */
export function boardSummary(db: Db, req: SummaryRequest): BoardSummaryData {
  const plan = planFacts(db);
  const book = loadBoard(db, { scenarioIds: [req.scenarioId], sheets: [], measures: ['fte'], suppressBelow: null, formulas: false })[0]!;
  const { result, inputs } = book;
  const { org, role } = names(inputs);
  const years = result.years;
  const counts: Record<AssumptionStatus, number> = { stated: 0, derived: 0, illustrative: 0 };
  for (const a of book.assumptions) counts[a.status]++;
  const groups = groupAssumptions(book.assumptions.map((row) => ({ row, appliesTo: row.scenarioId === null ? 'Whole plan' : book.scenario.name })));
  return {
    planName: plan.name,
    scenarioName: book.scenario.name,
    madeAt: (req.now ?? new Date()).toISOString(),
    appVersion: req.appVersion,
    planFile: req.planFile,
    planHash: req.planHash,
    years,
    totals: { closing: result.totals.closing, demand: result.totals.demand, agencyCost: result.totals.agencyCost, trainingCost: result.totals.trainingCost },
    bridge: systemBridgeSteps(years, result.cells, result.pipelines, new Map(inputs.pipelines.map((p) => [p.id, p.type]))),
    targets: plan.targets.map((t) => {
      const p = result.targets.find((x) => x.targetId === t.id);
      return {
        name: t.name,
        year: t.year,
        metric: t.metric,
        comparison: t.comparison,
        value: t.value,
        projected: p?.projected ?? null,
        status: p?.status ?? 'unknown',
        explanation: p?.explanation ?? 'Not evaluated',
      };
    }),
    shortage: shortageSection(plan.criteria, result.shortage, role),
    gaps: biggestGaps(result.cells, 10).map((g) => {
      const c = result.cells[g.cellIndex]!;
      const t = g.yearIndex;
      return {
        organisation: org.get(c.orgId) ?? `Organisation ${c.orgId}`,
        role: role.get(c.roleId) ?? `Role ${c.roleId}`,
        year: years[t]!,
        supply: c.closing[t]!,
        demand: c.demand[t]!,
        vacancyRate: c.vacancyRate[t]!,
        agencyCost: c.agencyCost[t]!,
      };
    }),
    assumptions: { groups: groups.map((g) => ({ what: g.what, status: g.status, count: g.rows.length, source: sourceSummary(g) })), counts },
    uncertainty: summaryUncertainty(plan.targets, req.uncertainty ?? null),
  };
}

/** At most this many shortage roles are printed, worst first, so that a big plan's list cannot push the summary past four pages. */
export const SHORTAGE_ROWS = 15;

/** The shortage roles, worst first, with how many more there are beyond the rows printed. */
function shortageSection(
  criteria: Parameters<typeof describeShortageCriteria>[0],
  shortage: readonly ShortageRoleResult[],
  role: ReadonlyMap<number, string>,
): BoardSummaryData['shortage'] {
  const all = shortage.filter((s) => s.isShortage).sort((a, b) => b.peakVacancyRate - a.peakVacancyRate || a.roleId - b.roleId);
  return {
    criteria: describeShortageCriteria(criteria),
    roles: all.slice(0, SHORTAGE_ROWS).map((s) => ({
      role: role.get(s.roleId) ?? `Role ${s.roleId}`,
      peakVacancyRate: s.peakVacancyRate,
      peakYear: s.peakVacancyYear,
      leaverRate: s.leaverRate,
      aged55PlusShare: s.aged55PlusShare,
      criteriaMet: criteriaMet(s.met),
    })),
    more: Math.max(0, all.length - SHORTAGE_ROWS),
  };
}

/** The fan and the chances, only when the simulation varied something: without ranges there is nothing to say. */
function summaryUncertainty(targets: readonly { id: number; name: string; year: number }[], u: UncertaintyResult | null): BoardSummaryData['uncertainty'] {
  if (!u || u.varying === 0) return null;
  return {
    runs: u.runs,
    seed: u.seed,
    varying: u.varying,
    supply: u.totals.supply,
    demand: u.totals.demand,
    chances: targets.map((t) => ({ name: t.name, year: t.year, probability: u.targets.find((x) => x.targetId === t.id)?.probability ?? null })),
  };
}

/** A PDF file name suggested from the plan and scenario. */
export function summaryFileName(data: Pick<BoardSummaryData, 'planName' | 'scenarioName'>): string {
  return `${data.planName} - ${data.scenarioName} - board summary.pdf`;
}

/** What every printed page says at its top and foot (Chromium's header and footer templates). */
export interface PageTemplates {
  header: string;
  footer: string;
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * The header (plan, scenario, date made) and footer (plan file fingerprint, page x of y) of every
 * page. The templates are drawn by the browser engine outside the page, so they carry their own
 * font and size.
 */
export function pageTemplates(data: Pick<BoardSummaryData, 'planName' | 'scenarioName' | 'madeAt' | 'planHash'>): PageTemplates {
  const made = formatMadeOn(data.madeAt);
  const style =
    'font-family: Arial, Arimo, Liberation Sans, sans-serif; font-size: 8pt; color: #425563; width: 100%; margin: 0 12mm; display: flex; justify-content: space-between;';
  return {
    header: `<div style="${style}"><span>${escapeHtml(data.planName)}</span><span>Scenario: ${escapeHtml(data.scenarioName)}</span><span>Made ${escapeHtml(made)}</span></div>`,
    footer: `<div style="${style}"><span>Board summary · plan file SHA-256 ${escapeHtml(data.planHash.slice(0, 12))}…</span><span>Page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>`,
  };
}

/** The print settings every engine is given: A4 landscape, backgrounds, the header and footer. */
export interface PdfSettings {
  landscape: true;
  /** Margins in millimetres: room for the header and footer. */
  marginsMm: { top: number; right: number; bottom: number; left: number };
  header: string;
  footer: string;
}

export function pdfSettings(templates: PageTemplates): PdfSettings {
  return { landscape: true, marginsMm: { top: 14, right: 12, bottom: 14, left: 12 }, header: templates.header, footer: templates.footer };
}

/** Electron's webContents.printToPDF options for these settings (margins in inches). */
export function electronPdfOptions(s: PdfSettings) {
  const inch = (mm: number) => mm / 25.4;
  return {
    landscape: s.landscape,
    pageSize: 'A4' as const,
    printBackground: true,
    displayHeaderFooter: true,
    headerTemplate: s.header,
    footerTemplate: s.footer,
    margins: { top: inch(s.marginsMm.top), bottom: inch(s.marginsMm.bottom), left: inch(s.marginsMm.left), right: inch(s.marginsMm.right) },
    generateTaggedPDF: true,
  };
}

/** Chromium's page.pdf options (Playwright) for the same settings. */
export function chromiumPdfOptions(s: PdfSettings) {
  const mm = (v: number) => `${v}mm`;
  return {
    format: 'A4' as const,
    landscape: s.landscape,
    printBackground: true,
    displayHeaderFooter: true,
    headerTemplate: s.header,
    footerTemplate: s.footer,
    margin: { top: mm(s.marginsMm.top), bottom: mm(s.marginsMm.bottom), left: mm(s.marginsMm.left), right: mm(s.marginsMm.right) },
    tagged: true,
  };
}

/** Prints the page now showing the summary's print view; Electron in the app, Chromium in tests. */
export type PagePrinter = (settings: PdfSettings) => Promise<Uint8Array>;

const PDF_MAGIC = '%PDF-';

/** Writes a printed PDF through the atomic writer, after checking that it is one. */
export function writePdf(target: string, bytes: Uint8Array): { path: string; bytes: number } {
  const abs = path.resolve(target);
  if (path.extname(abs).toLowerCase() !== '.pdf')
    throw new AppError('VALIDATION', `"${path.basename(abs)}" does not end in .pdf: choose a name ending in .pdf.`);
  if (Buffer.from(bytes.subarray(0, 5)).toString('latin1') !== PDF_MAGIC)
    throw new AppError('INTERNAL', 'The printed board summary is not a PDF: nothing was written.');
  checkWritableTarget(abs);
  writeFileAtomic(abs, bytes);
  return { path: abs, bytes: bytes.byteLength };
}

/** The year span a summary covers, in words. */
export const summarySpan = (years: readonly number[]): string => `${yearLabel(years[0] ?? 0)} to ${yearLabel(years[years.length - 1] ?? 0)}`;
