import fs from 'node:fs';
import path from 'node:path';
import type { Handlers } from '../../../shared/api/contract';
import { MAX_IMPORT_BYTES } from '../../../shared/api/channels/import';
import { AppError } from '../../../shared/api/errors';
import type { AppContext } from '../../app-context';
import { analyseImport, commitImport, ImportSessions, listImportHistory, listMappings, undoImport, validateImport } from '../../services/import/service';

type ImportHandlers = Pick<
  Handlers,
  'import/choose-file' | 'import/load-bytes' | 'import/analyse' | 'import/validate' | 'import/commit' | 'import/discard' | 'import/history' | 'import/undo' | 'import/mappings'
>;

export const SPREADSHEET_FILTERS = [
  { name: 'Spreadsheets', extensions: ['xlsx', 'xlsm', 'xls', 'xlsb', 'ods', 'csv', 'tsv', 'txt', 'gz', 'zip'] },
  { name: 'All files', extensions: ['*'] },
];

/** Files loaded for import belong to the app context they were loaded in. */
const sessionsByCtx = new WeakMap<AppContext, ImportSessions>();

export function importSessions(ctx: AppContext): ImportSessions {
  let s = sessionsByCtx.get(ctx);
  if (!s) {
    s = new ImportSessions();
    sessionsByCtx.set(ctx, s);
  }
  return s;
}

export function importHandlers(ctx: AppContext): ImportHandlers {
  const sessions = importSessions(ctx);
  return {
    'import/choose-file': async ({ taskId, target }) => {
      const file = await ctx.dialogs.chooseFileToOpen('Import a spreadsheet', SPREADSHEET_FILTERS);
      if (!file) return null;
      const name = path.basename(file);
      return ctx.tasks.run(taskId, `Reading ${name}`, async (task) => {
        let size: number;
        try {
          size = fs.statSync(file).size;
        } catch {
          throw new AppError('NOT_FOUND', `"${name}" could not be opened: it may have been moved or deleted.`);
        }
        if (size > MAX_IMPORT_BYTES) throw new AppError('VALIDATION', `"${name}" is ${Math.round(size / 1024 / 1024)} MB; files over ${MAX_IMPORT_BYTES / 1024 / 1024} MB cannot be imported. Split it and import each part.`);
        const loaded = await sessions.load(fs.readFileSync(file), name, task);
        try {
          return await analyseImport(ctx.db, loaded, target, {}, task);
        } catch (err) {
          await sessions.discard(loaded.token);
          throw err;
        }
      });
    },
    'import/load-bytes': ({ taskId, target, name, bytes }) =>
      ctx.tasks.run(taskId, `Reading ${path.basename(name)}`, async (task) => {
        const loaded = await sessions.load(bytes, name, task);
        try {
          return await analyseImport(ctx.db, loaded, target, {}, task);
        } catch (err) {
          await sessions.discard(loaded.token);
          throw err;
        }
      }),
    'import/analyse': ({ taskId, token, target, sheet, headerRow }) =>
      ctx.tasks.run(taskId, 'Finding the headings', (task) => analyseImport(ctx.db, sessions.get(token), target, { sheet, headerRow }, task)),
    'import/validate': ({ taskId, token, scenarioId, mapping }) =>
      ctx.tasks.run(taskId, 'Checking the file', async (task) => (await validateImport(ctx.db, sessions.get(token), scenarioId, mapping, task)).report),
    'import/commit': ({ taskId, token, scenarioId, mapping, saveMappingAs }) =>
      ctx.tasks.run(taskId, 'Importing', async (task) => {
        const loaded = sessions.get(token);
        const { history } = await commitImport(ctx.writableDb, loaded, scenarioId, mapping, { saveMappingAs }, task);
        await sessions.discard(token);
        return history;
      }),
    'import/discard': async ({ token }) => ({ discarded: await sessions.discard(token) }),
    'import/history': () => listImportHistory(ctx.db),
    'import/undo': ({ importId }) => undoImport(ctx.writableDb, importId),
    'import/mappings': () => listMappings(ctx.db),
  };
}
