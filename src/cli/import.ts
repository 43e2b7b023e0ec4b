/**
 * Import a spreadsheet into a plan from the command line, with the same services as the app:
 *
 *   npm run import -- <plan file> <spreadsheet> --into baseline|intakes|joiners|demand
 *        [--scenario NAME] [--sheet NAME] [--header-row N] [--period VALUE] [--mapping NAME]
 *        [--save-mapping NAME] [--dry-run]
 *
 * Prints the validation report; exits 1 on errors or a refused file (writing nothing), 2 on a
 * usage error. --dry-run never writes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { IMPORT_TARGETS, type ImportProblem, type ImportTarget } from '../shared/api/channels/import';
import { AppError } from '../shared/api/errors';
import { analyseImport, commitImport, ImportSessions, validateImport } from '../main/services/import/service';
import { closeSession, openSession } from '../main/services/plan-session';
import { readImportFile } from '../main/services/import/file-guard';
import { failureMessage } from './failure';

interface Args {
  plan: string;
  file: string;
  into: ImportTarget;
  scenario?: string;
  sheet?: string;
  headerRow?: number;
  period?: string;
  mapping?: string;
  saveMapping?: string;
  dryRun: boolean;
}

const USAGE = 'Usage: npm run import -- <plan file> <spreadsheet> --into baseline|intakes|joiners|demand [--scenario NAME] [--sheet NAME] [--header-row N] [--period VALUE] [--mapping NAME] [--save-mapping NAME] [--dry-run]';

export function parseArgs(argv: string[]): Args {
  const positional: string[] = [];
  const flags: Record<string, string | true> = Object.create(null) as Record<string, string | true>;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--dry-run') flags['dry-run'] = true;
    else if (a.startsWith('--')) {
      const [k, inline] = a.slice(2).split('=', 2) as [string, string | undefined];
      const v = inline ?? argv[++i];
      if (v === undefined) throw new AppError('VALIDATION', `--${k} needs a value.\n${USAGE}`);
      flags[k] = v;
    } else positional.push(a);
  }
  const known = new Set(['into', 'scenario', 'sheet', 'header-row', 'period', 'mapping', 'save-mapping', 'dry-run']);
  for (const k of Object.keys(flags)) if (!known.has(k)) throw new AppError('VALIDATION', `Unknown option --${k}.\n${USAGE}`);
  if (positional.length !== 2) throw new AppError('VALIDATION', USAGE);
  const into = flags['into'];
  if (typeof into !== 'string' || !(IMPORT_TARGETS as readonly string[]).includes(into)) throw new AppError('VALIDATION', `--into must be one of ${IMPORT_TARGETS.join(', ')}.\n${USAGE}`);
  const str = (k: string) => (typeof flags[k] === 'string' ? flags[k] : undefined);
  const headerRow = str('header-row');
  return {
    plan: positional[0]!,
    file: positional[1]!,
    into: into as ImportTarget,
    ...(str('scenario') ? { scenario: str('scenario')! } : {}),
    ...(str('sheet') ? { sheet: str('sheet')! } : {}),
    ...(headerRow ? { headerRow: Number(headerRow) } : {}),
    ...(str('period') ? { period: str('period')! } : {}),
    ...(str('mapping') ? { mapping: str('mapping')! } : {}),
    ...(str('save-mapping') ? { saveMapping: str('save-mapping')! } : {}),
    dryRun: flags['dry-run'] === true,
  };
}

function describe(p: ImportProblem): string {
  const where = [`sheet "${p.sheet}"`, p.row !== null ? `row ${p.row}` : null, p.column ? `column ${p.column}` : null].filter(Boolean).join(', ');
  return `${p.severity === 'error' ? 'ERROR  ' : 'warning'} ${where}: ${p.message}`;
}

export async function runImportCli(argv: string[], out: (line: string) => void = (l) => process.stdout.write(`${l}\n`)): Promise<number> {
  let args: Args;
  try {
    args = parseArgs(argv);
  } catch (err) {
    out(err instanceof Error ? err.message : String(err));
    return 2;
  }
  if (!fs.existsSync(args.plan)) {
    out(`The plan "${args.plan}" does not exist.`);
    return 2;
  }
  if (!fs.existsSync(args.file)) {
    out(`The spreadsheet "${args.file}" does not exist.`);
    return 2;
  }
  let session: ReturnType<typeof openSession>;
  try {
    session = openSession(args.plan, { readOnly: args.dryRun });
  } catch (err) {
    out(failureMessage(err, 'Nothing was imported.'));
    return 1;
  }
  const sessions = new ImportSessions();
  try {
    const db = session.db;
    const scenarios = db.prepare('SELECT id, name FROM scenario ORDER BY sort, id').all() as { id: number; name: string }[];
    const scenario = args.scenario ? scenarios.find((s) => s.name.toLowerCase() === args.scenario!.toLowerCase()) : scenarios[0];
    if (!scenario) {
      out(`There is no scenario called "${args.scenario ?? ''}". Scenarios: ${scenarios.map((s) => `"${s.name}"`).join(', ')}.`);
      return 2;
    }
    // Only a regular file, read up to the size limit: a pipe or a device is refused, not read.
    const loaded = await sessions.load(await readImportFile(args.file), path.basename(args.file));
    const analysis = await analyseImport(db, loaded, args.into, { sheet: args.sheet, headerRow: args.headerRow, mappingName: args.mapping });
    const mapping = { ...analysis.proposed, options: { ...analysis.proposed.options, ...(args.period ? { period: args.period } : {}) } };
    out(`${loaded.fileName}, sheet "${analysis.sheet}", headings on row ${analysis.headerRow}${analysis.savedMapping ? `, saved mapping "${analysis.savedMapping}"` : ''}`);
    for (const c of analysis.columns) if (c.field !== 'ignore') out(`  ${c.letter} ${c.header} → ${c.field}${c.year !== undefined ? ` ${c.year}` : ''}${c.staffGroup ? ` (${c.staffGroup})` : ''}`);
    const { report } = await validateImport(db, loaded, scenario.id, mapping);
    out(`Rows read ${report.rowsRead.toLocaleString('en-GB')}, used ${report.rowsUsed.toLocaleString('en-GB')}; skipped: ${report.rowsSkipped.blank} blank, ${report.rowsSkipped.subtotal} subtotal, ${report.rowsSkipped.filtered} other period or measure, ${report.rowsSkipped.unmapped} not mapped to the plan`);
    for (const p of report.problems) out(describe(p));
    if (report.problems.length < report.errors + report.warnings) out(`… and ${report.errors + report.warnings - report.problems.length} more`);
    out(`${report.errors} error${report.errors === 1 ? '' : 's'}, ${report.warnings} warning${report.warnings === 1 ? '' : 's'}. Changes: ${report.counts.added} added, ${report.counts.replaced} replaced, ${report.counts.unchanged} unchanged.`);
    if (report.errors > 0) {
      out('Nothing was written.');
      return 1;
    }
    if (args.dryRun) {
      out('Dry run: nothing was written.');
      return 0;
    }
    const { history } = await commitImport(db, loaded, scenario.id, report.mapping, { saveMappingAs: args.saveMapping });
    out(`Imported into "${scenario.name}" as import ${history.id}.`);
    return 0;
  } catch (err) {
    out(err instanceof AppError ? err.message : `The import failed. ${failureMessage(err)}`);
    return 1;
  } finally {
    await sessions.closeAll();
    closeSession(session);
  }
}

if (require.main === module) {
  // exitCode, not exit(): the report must reach a pipe in full before the process ends.
  runImportCli(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`The import failed. ${failureMessage(err)}\n`);
      process.exitCode = 1;
    },
  );
}
