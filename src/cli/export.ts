/**
 * The board workbook from the command line, with the same services as the app and no window:
 *
 *   npm run export -- <plan file> --scenario "Our Dorset plan" --out board.xlsx
 *        [--compare "Do nothing"]... [--formulas] [--suppress-below 5]
 *        [--sheets summary,bridge,projection,pipelines,assumptions] [--measures fte,headcount]
 *        [--uncertainty 1000 [--seed 42] [--typical-ranges]]   (also with --pdf: the fan and each target's chance)
 *   npm run export -- --demo --out board-demo.xlsx     (the demo plan, made in a temporary folder)
 *   npm run export -- <plan file> --scenario "Our Dorset plan" --pdf summary.pdf   (the board summary)
 *
 * Exit codes: 0 written; 1 the export failed (message says why); 2 the command line is wrong.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { BOARD_SHEETS, MEASURES, type BoardSheet, type Measure } from '../shared/api/channels/export';
import { AppError } from '../shared/api/errors';
import { DEFAULT_SEED, MAX_RUNS } from '../shared/model/uncertainty';
import { listScenarios } from '../main/db/repos/scenarios';
import { exportBoard, planFileHash } from '../main/services/export';
import { checkWritableTarget } from '../main/fs/atomic';
import { boardSummary, pageTemplates, pdfSettings, writePdf } from '../main/services/export/board-summary';
import { printBoardSummary } from './print-browser';
import { simulateHere } from '../main/services/uncertainty/service';
import { closeSession, createDemoPlan, openSession, type PlanSession } from '../main/services/plan-session';
import { failureMessage } from './failure';

const USAGE = `Usage:
  npm run export -- <plan file> --scenario "<name>" --out <file.xlsx> [options]
  npm run export -- <plan file> --scenario "<name>" --pdf <file.pdf>
  npm run export -- --demo [--scenario "<name>"] --out <file.xlsx> [--pdf <file.pdf>] [options]

Options:
  --pdf <file.pdf>          the board summary (two to four A4 pages) as a PDF; needs a browser
                            engine: the Electron binary, or Chromium, Chrome or Edge
  --compare "<name>"        another scenario to compare (repeat for more)
  --formulas                projection, bridge and pipelines as live Excel formulas over an Inputs sheet
  --suppress-below <n>      show headcounts under n as "<n" (for publication)
  --sheets <list>           any of ${BOARD_SHEETS.join(',')} (default: all)
  --measures <list>         fte, headcount or both (default: both)
  --uncertainty <runs>      add an Uncertainty sheet (and the fan on the Summary) from this many
                            simulated runs (1 to 100,000) of each scenario's ranges; with --pdf,
                            the summary shows the fan and each target's chance of being met
  --seed <n>                the simulation's seed (default 42): the same seed gives the same numbers
  --typical-ranges          for this workbook only, fill empty ranges with the typical (illustrative)
                            ones; the plan file is not changed
  --demo                    export the built-in Dorset demo plan (made in a temporary folder)`;

class UsageError extends Error {}

/** npm runs scripts from the package folder; paths on the command line are the user's, from where they typed them. */
const fromUser = (p: string) => path.resolve(process.env['INIT_CWD'] ?? process.cwd(), p);

function version(): string {
  if (process.env['npm_package_version']) return process.env['npm_package_version'];
  try {
    return (JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

function list<T extends string>(value: string | undefined, allowed: readonly T[], what: string): T[] | null {
  if (value === undefined) return null;
  const items = value
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  const unknown = items.filter((x) => !(allowed as readonly string[]).includes(x));
  if (unknown.length > 0 || items.length === 0) throw new UsageError(`--${what} must be a comma-separated list of ${allowed.join(', ')} (got "${value}").`);
  return items as T[];
}

export async function main(argv: string[], log: (line: string) => void = console.log): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        scenario: { type: 'string' },
        compare: { type: 'string', multiple: true },
        out: { type: 'string' },
        pdf: { type: 'string' },
        formulas: { type: 'boolean', default: false },
        'suppress-below': { type: 'string' },
        sheets: { type: 'string' },
        measures: { type: 'string' },
        demo: { type: 'boolean', default: false },
        uncertainty: { type: 'string' },
        seed: { type: 'string' },
        'typical-ranges': { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    });
  } catch (err) {
    log(`${err instanceof Error ? err.message : String(err)}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = args;
  if (values.help) {
    log(USAGE);
    return 0;
  }
  let session: PlanSession | null = null;
  let demoDir: string | null = null;
  try {
    if (!values.out && !values.pdf) throw new UsageError('Say where to write the workbook with --out <file.xlsx>, or the board summary with --pdf <file.pdf>.');
    if (values.pdf !== undefined && path.extname(values.pdf).toLowerCase() !== '.pdf')
      throw new UsageError(`--pdf must name a file ending in .pdf (got "${values.pdf}").`);
    if (values.demo && positionals.length > 0) throw new UsageError('Give either a plan file or --demo, not both.');
    if (!values.demo && positionals.length !== 1)
      throw new UsageError(
        positionals.length === 0 ? 'Give the plan file to export (or --demo).' : `Give one plan file (got ${positionals.length}: ${positionals.join(', ')}).`,
      );
    let suppressBelow: number | null = null;
    if (values['suppress-below'] !== undefined) {
      suppressBelow = Number(values['suppress-below']);
      if (!Number.isInteger(suppressBelow) || suppressBelow < 1 || suppressBelow > 100)
        throw new UsageError(`--suppress-below must be a whole number from 1 to 100 (got "${values['suppress-below']}").`);
    }
    const sheets = list<BoardSheet>(values.sheets, BOARD_SHEETS, 'sheets') ?? [...BOARD_SHEETS];
    const whole = (text: string, what: string, min: number, max: number): number => {
      const n = Number(text);
      if (!/^\d+$/.test(text.trim()) || !Number.isInteger(n) || n < min || n > max)
        throw new UsageError(`--${what} must be a whole number from ${min.toLocaleString('en-GB')} to ${max.toLocaleString('en-GB')} (got "${text}").`);
      return n;
    };
    if (values.uncertainty === undefined && (values.seed !== undefined || values['typical-ranges']))
      throw new UsageError('--seed and --typical-ranges go with --uncertainty <runs>.');
    const uncertainty =
      values.uncertainty === undefined
        ? null
        : {
            runs: whole(values.uncertainty, 'uncertainty', 1, MAX_RUNS),
            seed: values.seed === undefined ? DEFAULT_SEED : whole(values.seed, 'seed', 0, 2 ** 31 - 1),
            typicalRanges: values['typical-ranges'],
          };
    const measures = list<Measure>(values.measures, MEASURES, 'measures') ?? [...MEASURES];

    if (values.demo) {
      demoDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wfp-demo-'));
      session = createDemoPlan(path.join(demoDir, 'Dorset ICS workforce plan (demo).wfplan'));
    } else {
      const file = fromUser(positionals[0]!);
      if (!fs.existsSync(file)) throw new AppError('NOT_FOUND', `There is no plan file at ${file}. Check the path and try again.`);
      // Read-only: an export never changes the plan.
      session = openSession(file, { readOnly: true });
    }
    const scenarios = listScenarios(session.db);
    const names = scenarios.map((s) => `"${s.name}"`).join(', ');
    const wanted = [values.scenario ?? (values.demo ? 'Our Dorset plan' : undefined), ...(values.compare ?? [])];
    if (wanted[0] === undefined) throw new UsageError(`Say which scenario to export with --scenario "<name>". This plan has: ${names}.`);
    const ids = (wanted as string[]).map((name) => {
      const s = scenarios.find((x) => x.name === name) ?? scenarios.find((x) => x.name.toLowerCase() === name.trim().toLowerCase());
      if (!s) throw new AppError('NOT_FOUND', `There is no scenario called "${name}" in ${path.basename(session!.path)}. It has: ${names}.`);
      return s.id;
    });
    const appVersion = `Workforce Pipeline Planner ${version()}`;
    if (values.out) {
      const target = fromUser(values.out);
      const done = await exportBoard(session.db, {
        scenarioIds: ids,
        sheets,
        measures,
        suppressBelow,
        formulas: values.formulas,
        uncertainty,
        target,
        planFile: session.path,
        readOnly: session.readOnly,
        appVersion,
      });
      log(`Wrote ${done.path} (${done.sheets.length} sheets: ${done.sheets.join(', ')}; ${Math.round(done.bytes / 1024)} KB).`);
      if (done.suppressedRows > 0) log(`${done.suppressedRows} small organisation × role × year rows were suppressed for publication.`);
    }
    if (values.pdf) {
      const target = fromUser(values.pdf);
      // Refuse an unwritable target before starting a browser.
      checkWritableTarget(target);
      const planHash = await planFileHash(session.db, session.path, session.readOnly);
      const simulated = uncertainty
        ? simulateHere(session.db, ids[0]!, uncertainty.runs, uncertainty.seed, { typicalRanges: uncertainty.typicalRanges })
        : null;
      const data = boardSummary(session.db, { scenarioId: ids[0]!, planFile: session.path, planHash, appVersion, uncertainty: simulated });
      const { pdf, engine } = await printBoardSummary(data, pdfSettings(pageTemplates(data)));
      const done = writePdf(target, pdf);
      log(`Wrote ${done.path} (the board summary, ${Math.round(done.bytes / 1024)} KB; printed by ${engine.kind === 'electron' ? 'Electron' : engine.path}).`);
      if (simulated && !data.uncertainty) log('The scenario has no ranges: the board summary says nothing about chances.');
    }
    if (uncertainty)
      log(
        `Uncertainty: ${uncertainty.runs.toLocaleString('en-GB')} runs, seed ${uncertainty.seed}${uncertainty.typicalRanges ? ', empty ranges filled with the typical ones for this export' : ''}.`,
      );
    return 0;
  } catch (err) {
    if (err instanceof UsageError) {
      log(`${err.message}\n\n${USAGE}`);
      return 2;
    }
    log(`Export failed: ${failureMessage(err, 'No workbook was written.')}`);
    return 1;
  } finally {
    if (session) closeSession(session);
    if (demoDir) fs.rmSync(demoDir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main(process.argv.slice(2), (line) => (line.startsWith('Export failed') || line.includes('Usage:') ? console.error(line) : console.log(line))).then(
    (code) => (process.exitCode = code),
    (err: unknown) => {
      console.error(err);
      process.exitCode = 1;
    },
  );
}
