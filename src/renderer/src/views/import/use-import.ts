/**
 * The import wizard's state and actions: the file loaded in main (its token and analysis), the
 * mapping being edited, the last check's report, the step shown, and the import history.
 */
import { useCallback, useEffect, useState } from 'react';
import { ownCopy, setOwn } from '../../../../shared/own';
import {
  MAX_IMPORT_BYTES,
  type FieldKey,
  type ImportHistoryRow,
  type ImportMapping,
  type ImportOptions,
  type ImportReport,
  type ImportTarget,
  type SheetAnalysis,
  type ValueChoice,
} from '../../../../shared/api/channels/import';
import type { PipelineRow } from '../../../../shared/api/dto';
import { call, errorMessage } from '../../api';
import { useAppState } from '../../app/AppState';
import { useRunTask } from '../../app/tasks';
import { takeDroppedFile } from './drop';

export type Step = 'file' | 'sheet' | 'columns' | 'check' | 'preview';

/** The values select's special choices: skip the rows, not mapped yet, and keep a split over several roles. */
export const SKIP = 'skip';
export const UNSET = '';
export const KEEP = 'keep';

export function useImport() {
  const { scenarioId, mutate, notify, dataVersion } = useAppState();
  const run = useRunTask();
  const [step, setStep] = useState<Step>('file');
  const [target, setTarget] = useState<ImportTarget>('baseline');
  const [analysis, setAnalysis] = useState<SheetAnalysis | null>(null);
  const [mapping, setMapping] = useState<ImportMapping | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [refused, setRefused] = useState<string | null>(null);
  const [history, setHistory] = useState<ImportHistoryRow[]>([]);
  const [pipelines, setPipelines] = useState<PipelineRow[]>([]);
  const [saveAs, setSaveAs] = useState('');
  const [headerRow, setHeaderRow] = useState('');

  useEffect(() => {
    call('import/history', {}).then(setHistory, () => setHistory([]));
  }, [dataVersion]);
  useEffect(() => {
    if (scenarioId !== null) call('pipelines/list', { scenarioId }).then(setPipelines, () => setPipelines([]));
  }, [scenarioId, dataVersion]);

  const reset = useCallback(() => {
    if (analysis) void call('import/discard', { token: analysis.token }).catch(() => undefined);
    setAnalysis(null);
    setMapping(null);
    setReport(null);
    setStep('file');
  }, [analysis]);

  const loaded = useCallback((a: SheetAnalysis | null) => {
    if (!a) return;
    setRefused(null);
    setAnalysis(a);
    setMapping(a.proposed);
    setHeaderRow(String(a.headerRow));
    setReport(null);
    setStep(a.sheets.length > 1 ? 'sheet' : 'columns');
  }, []);

  const refuse = useCallback((err: unknown) => {
    setRefused(errorMessage(err));
  }, []);

  const loadFile = useCallback(
    async (file: File) => {
      setRefused(null);
      if (file.size > MAX_IMPORT_BYTES) {
        setRefused(
          `"${file.name}" is ${Math.round(file.size / 1024 / 1024)} MB; files over ${MAX_IMPORT_BYTES / 1024 / 1024} MB cannot be imported. Split it and import each part.`,
        );
        return;
      }
      try {
        const bytes = new Uint8Array(await file.arrayBuffer());
        loaded(await run(`Reading ${file.name}`, (taskId) => call('import/load-bytes', { taskId, target, name: file.name, bytes })));
      } catch (err) {
        refuse(err);
      }
    },
    [loaded, refuse, run, target],
  );

  // A file dropped anywhere on the window while another view was showing.
  useEffect(() => {
    const pending = takeDroppedFile();
    if (pending) void loadFile(pending);
    const onDropped = () => {
      const f = takeDroppedFile();
      if (f) void loadFile(f);
    };
    window.addEventListener('wfp-import-file', onDropped);
    return () => window.removeEventListener('wfp-import-file', onDropped);
  }, [loadFile]);

  const chooseWithDialog = async () => {
    setRefused(null);
    try {
      loaded(await run('Reading the file', (taskId) => call('import/choose-file', { taskId, target })));
    } catch (err) {
      refuse(err);
    }
  };

  const reanalyse = async (sheet: string, row?: number) => {
    if (!analysis) return;
    try {
      const a = await run('Finding the headings', (taskId) =>
        call('import/analyse', { taskId, token: analysis.token, target, sheet, ...(row ? { headerRow: row } : {}) }),
      );
      setAnalysis(a);
      setMapping(a.proposed);
      setHeaderRow(String(a.headerRow));
      setReport(null);
    } catch (err) {
      refuse(err);
    }
  };

  const check = async (m: ImportMapping, stay = false) => {
    if (!analysis || scenarioId === null) return;
    try {
      const r = await run('Checking the file', (taskId) => call('import/validate', { taskId, token: analysis.token, scenarioId, mapping: m }));
      setReport(r);
      setMapping(r.mapping);
      if (!stay) setStep('check');
    } catch (err) {
      refuse(err);
    }
  };
  /** An answer on the preview (a share, what happens to headcount, a large change): checked again in place. */
  const answer = (options: ImportOptions) => {
    if (!report) return;
    // Shown at once as answered, then checked again by main.
    const m = { ...report.mapping, options };
    setMapping(m);
    void check(m, true);
  };

  const commit = async () => {
    if (!analysis || !report || scenarioId === null) return;
    try {
      const h = await mutate(() =>
        run('Importing', (taskId) =>
          call('import/commit', {
            taskId,
            token: analysis.token,
            scenarioId,
            mapping: report.mapping,
            ...(saveAs.trim() ? { saveMappingAs: saveAs.trim() } : {}),
          }),
        ),
      );
      notify('info', `Imported ${h.fileName}: ${h.added} added, ${h.replaced} replaced. You can undo it from the import history.`);
      setAnalysis(null);
      setMapping(null);
      setReport(null);
      setSaveAs('');
      setStep('file');
    } catch (err) {
      refuse(err);
    }
  };

  const undoImport = async (h: ImportHistoryRow) => {
    try {
      await mutate(() => call('import/undo', { importId: h.id }));
      notify('info', `Undid the import of ${h.fileName}.`);
    } catch {
      // mutate has shown the message.
    }
  };

  const setColumn = (index: number, field: FieldKey | 'wide') => {
    if (!mapping || !analysis) return;
    // "wide" puts back the column's own year or staff group, as proposed.
    const proposed = analysis.columns.find((c) => c.index === index);
    const next =
      field === 'wide' && proposed
        ? {
            index,
            field: proposed.field,
            ...(proposed.year !== undefined ? { year: proposed.year } : {}),
            ...(proposed.staffGroup !== undefined ? { staffGroup: proposed.staffGroup } : {}),
          }
        : { index, field: field === 'wide' ? 'ignore' : field };
    const columns = mapping.columns.some((c) => c.index === index) ? mapping.columns.map((c) => (c.index === index ? next : c)) : [...mapping.columns, next];
    setMapping({ ...mapping, columns });
  };

  const setValue = (choice: ValueChoice, v: string) => {
    if (!mapping) return;
    // Keyed by the file's own text ("__proto__" is a possible organisation): own properties only.
    const values = {
      org: ownCopy(mapping.values.org),
      role: ownCopy(mapping.values.role),
      staffGroup: ownCopy(mapping.values.staffGroup),
      pipeline: ownCopy(mapping.values.pipeline),
    };
    if (choice.kind === 'staffGroup') {
      if (v === KEEP) return;
      if (v === UNSET) delete values.staffGroup[choice.value];
      else setOwn(values.staffGroup, choice.value, v === SKIP ? null : [{ roleId: Number(v), share: 1 }]);
    } else {
      const table = values[choice.kind];
      if (v === UNSET) delete table[choice.value];
      else setOwn(table, choice.value, v === SKIP ? null : Number(v));
    }
    setMapping({ ...mapping, values });
  };

  const canGo = (s: Step) => {
    if (s === 'file') return true;
    if (!analysis) return false;
    if (s === 'check') return report !== null;
    if (s === 'preview') return report !== null && report.errors === 0;
    return true;
  };

  return {
    step,
    setStep,
    canGo,
    target,
    setTarget,
    analysis,
    mapping,
    setMapping,
    report,
    refused,
    history,
    pipelines,
    saveAs,
    setSaveAs,
    headerRow,
    setHeaderRow,
    reset,
    loadFile,
    chooseWithDialog,
    reanalyse,
    check,
    answer,
    commit,
    undoImport,
    setColumn,
    setValue,
  };
}

export type ImportState = ReturnType<typeof useImport>;
