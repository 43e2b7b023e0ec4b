/**
 * Opening a plan the operating system handed to the app (double-click, "Open with", a second
 * launch): the same route as Plan → Open (AppContext.openPath), so a file that is not a plan, is
 * damaged or has gone is refused with the same message, and the file is left as it was.
 * No Electron import: index.ts supplies how to show the message.
 */
import path from 'node:path';
import type { PlanInfo } from '../shared/api/dto';
import { AppError } from '../shared/api/errors';
import type { AppContext } from './app-context';
import { logError } from './log';

/** Returns the plan, or null after telling the user why it did not open. */
export function openRequestedPlan(ctx: Pick<AppContext, 'openPath'>, file: string, showError: (message: string, detail: string) => void): PlanInfo | null {
  try {
    return ctx.openPath(file);
  } catch (err) {
    if (!(err instanceof AppError)) logError('Opening a plan passed by the system', err);
    const detail = err instanceof AppError ? err.message : 'Something went wrong while opening it. Nothing was changed.';
    showError(`"${path.basename(file)}" could not be opened.`, detail);
    return null;
  }
}
