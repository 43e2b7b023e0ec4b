/**
 * Imports, main side. One module per job:
 * - sessions.ts: the loaded files, each held in its worker under an opaque token;
 * - analyse.ts: finding a sheet's headings and proposing a mapping (or reusing a saved one);
 * - values.ts: mapping the file's organisations, roles, staff groups and pipelines onto the plan;
 * - validate.ts: every problem with its sheet, row and column, and the preview of every change;
 * - commit.ts: writing it all as ONE recorded change with its history row (write.ts);
 * - history.ts: the import history, and undo of an import through the change log;
 * - mappings.ts: saved column mappings.
 * Callers import from here.
 */
export { analyseImport, loadAndAnalyse } from './analyse';
export { commitImport, prepareImportCommit } from './commit';
export { getImportHistory, listImportHistory, undoImport } from './history';
export { listMappings, saveMapping } from './mappings';
export { ImportSessions, type LoadedImport, type Progress } from './sessions';
export { validateImport, type Validation } from './validate';
