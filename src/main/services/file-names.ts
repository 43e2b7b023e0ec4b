/**
 * The file names save dialogs propose: beside the open plan, made from planners' words (plan,
 * scenario and snapshot names) without the characters file systems refuse.
 */
import path from 'node:path';
import { safeFileName } from '../../shared/format';
import type { Db } from '../db/connection';
import { getPlanSettings } from '../db/repos/meta';
import { listScenarios } from '../db/repos/scenarios';
import { listSnapshots } from './history/snapshots';
import { nameFromPath } from './plan-session';

/** `file`, with `ext` added unless it already ends so (in any case). */
export const withExtension = (file: string, ext: string): string => (path.extname(file).toLowerCase() === ext ? file : `${file}${ext}`);

/** A default file name from planners' words, without characters file systems refuse (shared/format's rule). */
export const fileSafe = (name: string): string => safeFileName(name);

const besidePlan = (planPath: string, fileName: string): string => path.join(path.dirname(planPath), fileName);

/** The board workbook: "<plan> - <scenario> vs <scenario>.xlsx". */
export function boardWorkbookPath(db: Db, planPath: string, scenarioIds: number[]): string {
  const scenarioNames = listScenarios(db)
    .filter((s) => scenarioIds.includes(s.id))
    .map((s) => s.name);
  return besidePlan(planPath, `${fileSafe(`${getPlanSettings(db).name} - ${scenarioNames.join(' vs ')}`)}.xlsx`);
}

/** The board summary PDF, named as the summary names itself. */
export function summaryPdfPath(planPath: string, summaryName: string): string {
  return besidePlan(planPath, `${fileSafe(summaryName.replace(/\.pdf$/, ''))}.pdf`);
}

/** A table's CSV, named by the view that exports it. */
export function csvPath(planPath: string, fileName: string): string {
  return besidePlan(planPath, withExtension(fileSafe(fileName), '.csv'));
}

/** A comparison of two snapshots (null: the plan now): "<plan file> - <a> vs <b>.xlsx". */
export function comparisonPath(db: Db, planPath: string, a: number | null, b: number | null): string {
  const label = (id: number | null) => (id === null ? 'Now' : (listSnapshots(db).find((s) => s.id === id)?.name ?? `Snapshot ${id}`));
  return besidePlan(planPath, `${fileSafe(`${nameFromPath(planPath)} - ${label(a)} vs ${label(b)}`)}.xlsx`);
}
