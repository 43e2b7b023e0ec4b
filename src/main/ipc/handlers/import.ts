import path from 'node:path';
import type { importChannels } from '../../../shared/api/channels/import';
import type { HandlersFor } from '../../../shared/api/contract';
import type { AppContext } from '../../app-context';
import { readImportFile } from '../../services/import/file-guard';
import {
  analyseImport,
  getImportHistory,
  ImportSessions,
  listImportHistory,
  listMappings,
  loadAndAnalyse,
  prepareImportCommit,
  undoImport,
  validateImport,
} from '../../services/import/service';

type ImportHandlers = HandlersFor<typeof importChannels>;

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
        // Only a regular file, read in chunks up to the size limit (a pipe or a device is refused).
        return loadAndAnalyse(ctx.db, sessions, await readImportFile(file), name, target, task);
      });
    },
    'import/load-bytes': ({ taskId, target, name, bytes }) =>
      ctx.tasks.run(taskId, `Reading ${path.basename(name)}`, (task) => loadAndAnalyse(ctx.db, sessions, bytes, name, target, task)),
    'import/analyse': ({ taskId, token, target, sheet, headerRow }) =>
      ctx.tasks.run(taskId, 'Finding the headings', (task) => analyseImport(ctx.db, sessions.get(token), target, { sheet, headerRow }, task)),
    'import/validate': ({ taskId, token, scenarioId, mapping }) =>
      ctx.tasks.run(taskId, 'Checking the file', async (task) => (await validateImport(ctx.db, sessions.get(token), scenarioId, mapping, task)).report),
    'import/commit': ({ taskId, token, scenarioId, mapping, saveMappingAs }) =>
      ctx.tasks.run(taskId, 'Importing', async (task) => {
        const loaded = sessions.get(token);
        // Checked again against the plan as it is now, then written in the plan worker: a big
        // import takes longer to write than the window may wait. No other change is made meanwhile.
        const history = await ctx.writingOffThread('importing', async (file) => {
          const { commit } = await prepareImportCommit(ctx.db, loaded, scenarioId, mapping, { saveMappingAs }, task);
          // From here the import is written whole: a cancel no longer stops it.
          task.beginWriting();
          const importId = await ctx.planWorker.run({ kind: 'import-commit', file, commit }, { onProgress: (f, m) => task.progress(f, m) });
          return getImportHistory(ctx.db, importId);
        });
        await sessions.discard(token);
        return history;
      }),
    'import/discard': async ({ token }) => ({ discarded: await sessions.discard(token) }),
    'import/history': () => listImportHistory(ctx.db),
    'import/undo': ({ importId }) => undoImport(ctx.writableDb, importId),
    'import/mappings': () => listMappings(ctx.db),
  };
}
