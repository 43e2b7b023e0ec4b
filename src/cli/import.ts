/**
 * Import a spreadsheet into a plan from the command line, with the same services as the app and
 * every choice the wizard offers:
 *
 *   npm run import -- <plan file> <spreadsheet> --into baseline|intakes|joiners|demand
 *        [--scenario NAME] [--sheet NAME] [--header-row N] [--period VALUE]
 *        [--map "Heading=field"]… [--value-map "field:From=To"]… [--skip-org CODE]…
 *        [--measure fte|headcount] [--fte keep|derive] [--headcount keep|scale|clear]
 *        [--establishment keep|scale|clear] [--share ORG=0.27]… [--accept-large-changes]
 *        [--mapping NAME] [--save-mapping NAME] [--json] [--dry-run]
 *
 * Prints the validation report (as JSON with --json); exits 1 on errors, open questions or a
 * refused file (writing nothing), 2 on a usage error. --dry-run never writes. Relative paths are
 * read from the folder npm was run in.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  IMPORT_TARGETS,
  type ImportMapping,
  type ImportProblem,
  type ImportReport,
  type ImportTarget,
  type KeepPolicy,
  type SheetAnalysis,
} from '../shared/api/channels/import';
import { AppError } from '../shared/api/errors';
import { analyseImport, commitImport, ImportSessions, validateImport } from '../main/services/import/service';
import { closeSession, openSession } from '../main/services/plan-session';
import { readImportFile } from '../main/services/import/file-guard';
import { failureMessage } from './failure';
import { applyColumnMaps, applyValueMaps, describeMapping, parseShare, UsageError, type PlanNames } from './import-mapping';

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
  maps: string[];
  valueMaps: string[];
  skipOrgs: string[];
  shares: string[];
  measure?: 'fte' | 'headcount';
  fte?: 'keep' | 'derive';
  headcount?: KeepPolicy;
  establishment?: KeepPolicy;
  acceptLargeChanges: boolean;
  json: boolean;
  dryRun: boolean;
}

const USAGE = `Usage: npm run import -- <plan file> <spreadsheet> --into baseline|intakes|joiners|demand
  [--scenario NAME] [--sheet NAME] [--header-row N (0: no headings)] [--period VALUE]
  [--map "Heading=field"]... [--value-map "field:From=To"]... [--skip-org CODE]...
  [--measure fte|headcount] [--fte keep|derive] [--headcount keep|scale|clear] [--establishment keep|scale|clear]
  [--share ORG=0.27]... [--accept-large-changes] [--mapping NAME] [--save-mapping NAME] [--json] [--dry-run]`;

const FLAGS = new Set(['dry-run', 'json', 'accept-large-changes']);
const REPEATED = new Set(['map', 'value-map', 'skip-org', 'share']);
const SINGLE = new Set(['into', 'scenario', 'sheet', 'header-row', 'period', 'mapping', 'save-mapping', 'measure', 'fte', 'headcount', 'establishment']);

function choice<T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`--${flag} must be ${allowed.join(' or ')}, not "${value}".\n${USAGE}`);
  return value as T;
}

export function parseArgs(argv: string[]): Args {
  const positional: string[] = [];
  const single: Record<string, string> = Object.create(null) as Record<string, string>;
  const many: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
  const flags = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('--')) {
      positional.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const k = eq > 0 ? a.slice(2, eq) : a.slice(2);
    if (FLAGS.has(k)) {
      flags.add(k);
      continue;
    }
    if (!SINGLE.has(k) && !REPEATED.has(k)) throw new UsageError(`Unknown option --${k}.\n${USAGE}`);
    const v = eq > 0 ? a.slice(eq + 1) : argv[++i];
    if (v === undefined) throw new UsageError(`--${k} needs a value.\n${USAGE}`);
    if (REPEATED.has(k)) (many[k] ??= []).push(v);
    else single[k] = v;
  }
  if (positional.length !== 2) throw new UsageError(USAGE);
  const into = single['into'];
  if (into === undefined || !(IMPORT_TARGETS as readonly string[]).includes(into))
    throw new UsageError(`--into must be one of ${IMPORT_TARGETS.join(', ')}.\n${USAGE}`);
  const headerRow = single['header-row'];
  if (headerRow !== undefined && !/^\d{1,4}$/.test(headerRow))
    throw new UsageError(`--header-row must be a row number (0 when the sheet has no headings), not "${headerRow}".`);
  const opt = <K extends keyof Args>(key: K, v: Args[K] | undefined) => (v === undefined ? {} : ({ [key]: v } as Pick<Args, K>));
  return {
    plan: positional[0]!,
    file: positional[1]!,
    into: into as ImportTarget,
    ...opt('scenario', single['scenario']),
    ...opt('sheet', single['sheet']),
    ...opt('headerRow', headerRow === undefined ? undefined : Number(headerRow)),
    ...opt('period', single['period']),
    ...opt('mapping', single['mapping']),
    ...opt('saveMapping', single['save-mapping']),
    ...opt('measure', choice('measure', single['measure'], ['fte', 'headcount'] as const)),
    ...opt('fte', choice('fte', single['fte'], ['keep', 'derive'] as const)),
    ...opt('headcount', choice('headcount', single['headcount'], ['keep', 'scale', 'clear'] as const)),
    ...opt('establishment', choice('establishment', single['establishment'], ['keep', 'scale', 'clear'] as const)),
    maps: many['map'] ?? [],
    valueMaps: many['value-map'] ?? [],
    skipOrgs: many['skip-org'] ?? [],
    shares: many['share'] ?? [],
    acceptLargeChanges: flags.has('accept-large-changes'),
    json: flags.has('json'),
    dryRun: flags.has('dry-run'),
  };
}

/** npm runs scripts from the package folder; paths on the command line are the user's, from where they typed them. */
const fromUser = (p: string) => path.resolve(process.env['INIT_CWD'] ?? process.cwd(), p);
const n = (v: number) => v.toLocaleString('en-GB');
const some = (count: number, one: string, many = `${one}s`) => `${n(count)} ${count === 1 ? one : many}`;

function describe(p: ImportProblem): string {
  const where = [`sheet "${p.sheet}"`, p.row !== null ? `row ${n(p.row)}` : null, p.column ? `column ${p.column}` : null].filter(Boolean).join(', ');
  return `${p.severity === 'error' ? 'ERROR  ' : p.severity === 'warning' ? 'warning' : 'note   '} ${where}: ${p.message}`;
}

function printReport(out: (l: string) => void, analysis: SheetAnalysis, mapping: ImportMapping, report: ImportReport): void {
  out(
    `${analysis.fileName}, sheet "${analysis.sheet}", ${analysis.headerless ? 'no heading row (columns by number)' : `headings on row ${analysis.headerRow}`}${analysis.savedMapping ? `, saved mapping "${analysis.savedMapping}"` : ''}`,
  );
  for (const line of describeMapping(analysis, mapping)) out(line);
  if (mapping.options.measure) out(`  figures are ${mapping.options.measure === 'fte' ? 'FTE' : 'headcount'}`);
  out(`Rows read ${n(report.rowsRead)}, used ${n(report.rowsUsed)}.`);
  for (const k of report.skipped) out(`  skipped ${n(k.rows)}: ${k.label}${k.examples.length > 0 ? ` (${k.examples.join('; ')})` : ''}`);
  for (const p of report.problems) out(describe(p));
  const listed = report.problems.filter((p) => p.severity !== 'note').length;
  if (listed < report.errors + report.warnings) out(`… and ${n(report.errors + report.warnings - listed)} more`);
  for (const s of report.shares) out(`Share: ${s.org}: ${s.text} (${s.source})`);
  for (const r of report.preview) {
    if (r.flag)
      out(
        `${r.decision === 'import' ? 'large change, imported' : r.decision === 'exclude' ? 'large change, left out' : 'NEEDS AN ANSWER'}: ${r.label}: ${r.flag.reason}`,
      );
  }
  const c = report.counts;
  out(
    `${some(report.errors, 'error')}, ${some(report.warnings, 'warning')}${report.notes > 0 ? `, ${some(report.notes, 'note')}` : ''}. Changes: ${n(c.added)} added, ${n(c.replaced)} replaced, ${n(c.rounding)} by rounding only, ${n(c.unchanged)} unchanged${c.excluded > 0 ? `, ${n(c.excluded)} left out` : ''}.`,
  );
  for (const q of report.questions) out(`QUESTION ${q.message}`);
}

export async function runImportCli(argv: string[], out: (line: string) => void = (l) => process.stdout.write(`${l}\n`)): Promise<number> {
  let args: Args;
  try {
    args = parseArgs(argv);
  } catch (err) {
    out(err instanceof Error ? err.message : String(err));
    return 2;
  }
  const planPath = fromUser(args.plan);
  const filePath = fromUser(args.file);
  if (!fs.existsSync(planPath)) {
    out(`The plan "${args.plan}" does not exist (looked for ${planPath}).`);
    return 2;
  }
  if (!fs.existsSync(filePath)) {
    out(`The spreadsheet "${args.file}" does not exist (looked for ${filePath}).`);
    return 2;
  }
  let session: ReturnType<typeof openSession>;
  try {
    session = openSession(planPath, { readOnly: args.dryRun });
  } catch (err) {
    out(failureMessage(err, 'Nothing was imported.'));
    return 1;
  }
  const sessions = new ImportSessions();
  const emit = args.json ? () => undefined : out;
  try {
    const db = session.db;
    const scenarios = db.prepare('SELECT id, name FROM scenario ORDER BY sort, id').all() as { id: number; name: string }[];
    const scenario = args.scenario ? scenarios.find((s) => s.name.toLowerCase() === args.scenario!.toLowerCase()) : scenarios[0];
    if (!scenario) {
      out(`There is no scenario called "${args.scenario ?? ''}". Use --scenario with one of: ${scenarios.map((s) => `"${s.name}"`).join(', ')}.`);
      return 2;
    }
    const plan: PlanNames = {
      orgs: db.prepare('SELECT id, code, name FROM organisation ORDER BY sort, id').all() as PlanNames['orgs'],
      roles: db.prepare('SELECT id, code, name FROM role ORDER BY sort, id').all() as PlanNames['roles'],
      pipelines: db.prepare('SELECT id, name FROM pipeline WHERE scenario_id = ? ORDER BY sort, id').all(scenario.id) as PlanNames['pipelines'],
    };
    const shares = Object.fromEntries(args.shares.map((s) => parseShare(s, plan)));
    // Only a regular file, read up to the size limit: a pipe or a device is refused, not read.
    const loaded = await sessions.load(await readImportFile(filePath), path.basename(filePath));
    const analysis = await analyseImport(db, loaded, args.into, { sheet: args.sheet, headerRow: args.headerRow, mappingName: args.mapping });
    let mapping = applyColumnMaps(analysis, analysis.proposed, args.maps);
    const options = { ...mapping.options };
    if (args.period) options.period = args.period;
    if (args.measure) options.measure = args.measure;
    if (args.fte) options.fteFromHeadcount = args.fte;
    if (args.headcount) options.headcount = args.headcount;
    if (args.establishment) options.establishment = args.establishment;
    if (args.shares.length > 0) options.shares = { ...options.shares, ...shares };
    if (args.acceptLargeChanges) options.acceptLargeChanges = true;
    mapping = { ...mapping, options };
    let { report } = await validateImport(db, loaded, scenario.id, mapping, undefined, 'cli');
    if (args.valueMaps.length > 0 || args.skipOrgs.length > 0) {
      mapping = applyValueMaps(report, report.mapping, plan, args.valueMaps, args.skipOrgs);
      ({ report } = await validateImport(db, loaded, scenario.id, mapping, undefined, 'cli'));
    }
    printReport(emit, analysis, report.mapping, report);
    const json = (written: { importId: number } | null) => {
      if (!args.json) return;
      const { token: _token, ...rest } = report;
      out(
        JSON.stringify(
          {
            file: loaded.fileName,
            sheet: analysis.sheet,
            headerRow: analysis.headerRow,
            headerless: analysis.headerless,
            scenario: scenario.name,
            columns: analysis.columns,
            report: rest,
            written,
          },
          null,
          2,
        ),
      );
    };
    if (report.errors > 0 || report.questions.length > 0) {
      json(null);
      emit('Nothing was written.');
      return 1;
    }
    if (args.dryRun) {
      json(null);
      emit('Dry run: nothing was written.');
      return 0;
    }
    if (!report.canCommit) {
      json(null);
      emit('Nothing to import: the plan already holds every figure in the file.');
      return 0;
    }
    const { history } = await commitImport(db, loaded, scenario.id, report.mapping, { saveMappingAs: args.saveMapping, via: 'cli' });
    json({ importId: history.id });
    emit(`Imported into "${scenario.name}" as import ${history.id}.`);
    return 0;
  } catch (err) {
    if (err instanceof UsageError) {
      out(err.message);
      return 2;
    }
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
