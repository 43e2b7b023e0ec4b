import path from 'node:path';
import type { Handlers } from '../../../shared/api/contract';
import type { AppContext } from '../../app-context';
import { getPlanSettings } from '../../db/repos/meta';
import { listScenarios } from '../../db/repos/scenarios';
import { exportBoard, exportCsv } from '../../services/export';
import { simulationRequest } from '../../services/uncertainty/service';

type ExportHandlers = Pick<Handlers, 'export/board' | 'export/csv'>;

const withExtension = (file: string, ext: string) => (path.extname(file).toLowerCase() === ext ? file : `${file}${ext}`);
/** A default file name from planners' words, without characters file systems refuse. */
// eslint-disable-next-line no-control-regex -- control characters are what this removes
const fileSafe = (name: string) => name.replace(/[<>:"/\\|?*\u0000-\u001F]/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 100) || 'export';

export function exportHandlers(ctx: AppContext): ExportHandlers {
  return {
    'export/board': async ({ taskId, ...options }) => {
      const session = ctx.session;
      const planName = getPlanSettings(session.db).name;
      const scenarioNames = listScenarios(session.db)
        .filter((s) => options.scenarioIds.includes(s.id))
        .map((s) => s.name);
      const suggested = path.join(path.dirname(session.path), `${fileSafe(`${planName} - ${scenarioNames.join(' vs ')}`)}.xlsx`);
      const chosen = await ctx.dialogs.chooseFileToSave('Export board workbook', suggested, [{ name: 'Excel workbook', extensions: ['xlsx'] }]);
      if (!chosen) return null;
      return ctx.tasks.run(taskId, 'Exporting the board workbook', async (task) => {
        const done = await exportBoard(
          session.db,
          {
            ...options,
            target: withExtension(chosen, '.xlsx'),
            planFile: session.path,
            readOnly: session.readOnly,
            appVersion: `Workforce Pipeline Planner ${ctx.appVersion}`,
            // In the worker, as on the dashboard: the main thread only waits.
            simulate: (scenarioId, u) => ctx.simulations.run(simulationRequest(session.db, scenarioId, u.runs, u.seed), { signal: task.signal }),
          },
          (f, m) => task.progress(f, m),
          () => task.throwIfCancelled(),
        );
        return { path: done.path, sheets: done.sheets, bytes: done.bytes, suppressedRows: done.suppressedRows };
      });
    },
    'export/csv': async ({ fileName, headers, rows }) => {
      const suggested = path.join(path.dirname(ctx.session.path), withExtension(fileSafe(fileName), '.csv'));
      const chosen = await ctx.dialogs.chooseFileToSave('Export CSV', suggested, [{ name: 'CSV (comma separated)', extensions: ['csv'] }]);
      if (!chosen) return null;
      const done = exportCsv(withExtension(chosen, '.csv'), headers, rows);
      return { path: done.path, sheets: [], bytes: 0, suppressedRows: 0 };
    },
  };
}
