import type { exportChannels } from '../../../shared/api/channels/export';
import type { HandlersFor } from '../../../shared/api/contract';
import type { AppContext } from '../../app-context';
import { AppError } from '../../../shared/api/errors';
import { exportCsv, planFileHash } from '../../services/export';
import { boardSummary, pageTemplates, pdfSettings, summaryFileName, writePdf } from '../../services/export/board-summary';
import { boardWorkbookPath, csvPath, summaryPdfPath, withExtension } from '../../services/file-names';
import { simulationRequest } from '../../services/uncertainty/service';

type ExportHandlers = HandlersFor<typeof exportChannels>;

export function exportHandlers(ctx: AppContext): ExportHandlers {
  return {
    'export/board': async ({ taskId, ...options }) => {
      const session = ctx.session;
      const suggested = boardWorkbookPath(session.db, session.path, options.scenarioIds);
      const chosen = await ctx.dialogs.chooseFileToSave('Export board workbook', suggested, [{ name: 'Excel workbook', extensions: ['xlsx'] }]);
      if (!chosen) return null;
      // Built and written in the plan worker: a big plan's workbook takes seconds to build.
      return ctx.tasks.run(taskId, 'Exporting the board workbook', async (task) => {
        const done = await ctx.planWorker.run(
          {
            kind: 'export-board',
            file: session.conn.file,
            request: {
              ...options,
              target: withExtension(chosen, '.xlsx'),
              planFile: session.path,
              readOnly: session.readOnly,
              appVersion: `Workforce Pipeline Planner ${ctx.appVersion}`,
            },
          },
          { onProgress: (f, m) => task.progress(f, m), signal: task.signal },
        );
        return { path: done.path, sheets: done.sheets, bytes: done.bytes, suppressedRows: done.suppressedRows };
      });
    },
    'export/summary': async ({ scenarioId, uncertainty }) => {
      const session = ctx.session;
      const planHash = await planFileHash(session.db, session.path, session.readOnly);
      // In the worker, as for the workbook: the main thread only waits.
      const simulated = uncertainty ? await ctx.simulations.run(simulationRequest(session.db, scenarioId, uncertainty.runs, uncertainty.seed), {}) : null;
      return boardSummary(session.db, {
        scenarioId,
        planFile: session.path,
        planHash,
        appVersion: `Workforce Pipeline Planner ${ctx.appVersion}`,
        uncertainty: simulated,
      });
    },
    'export/summary-pdf': async ({ scenarioId }) => {
      const session = ctx.session;
      const print = ctx.printPdf;
      if (!print)
        throw new AppError(
          'INTERNAL',
          'This window cannot print to PDF. Export the board summary from the command line instead (npm run export -- … --pdf summary.pdf).',
        );
      const planHash = await planFileHash(session.db, session.path, session.readOnly);
      const data = boardSummary(session.db, { scenarioId, planFile: session.path, planHash, appVersion: `Workforce Pipeline Planner ${ctx.appVersion}` });
      const suggested = summaryPdfPath(session.path, summaryFileName(data));
      const chosen = await ctx.dialogs.chooseFileToSave('Save board summary (PDF)', suggested, [{ name: 'PDF document', extensions: ['pdf'] }]);
      if (!chosen) return null;
      const bytes = await print(pdfSettings(pageTemplates(data)));
      const done = writePdf(withExtension(chosen, '.pdf'), bytes);
      return { path: done.path, sheets: [], bytes: done.bytes, suppressedRows: 0 };
    },
    'export/csv': async ({ fileName, headers, rows }) => {
      const suggested = csvPath(ctx.session.path, fileName);
      const chosen = await ctx.dialogs.chooseFileToSave('Export CSV', suggested, [{ name: 'CSV (comma separated)', extensions: ['csv'] }]);
      if (!chosen) return null;
      const done = exportCsv(withExtension(chosen, '.csv'), headers, rows);
      return { path: done.path, sheets: [], bytes: 0, suppressedRows: 0 };
    },
  };
}
