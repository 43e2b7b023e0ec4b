/**
 * Which plan the operating system asked the app to open. Windows and Linux pass the file on the
 * command line (double-click, "Open with", a second launch); macOS sends 'open-file' instead.
 * No Electron import: unit-tested, and used by index.ts.
 */
import path from 'node:path';

export interface ArgvOptions {
  /** false when run as `electron <app folder> …` (development), whose argv also carries the app folder. */
  isPackaged: boolean;
  /** Relative paths are taken from here (the launching process's working directory). */
  cwd: string;
}

/**
 * The file named on a command line, as an absolute path, or null. Skips the executable (and, in
 * development, the app folder) and every switch (Chromium adds some, e.g.
 * --original-process-start-time, to a second instance's argv). Any file is returned, not only
 * .wfplan: one that is not a plan is refused with a message when it is opened.
 */
export function planFileFromArgv(argv: readonly string[], options: ArgvOptions): string | null {
  const args = argv.slice(options.isPackaged ? 1 : 2);
  // After "--" nothing is a switch, so a file named "-x.wfplan" can still be opened.
  const end = args.indexOf('--');
  const candidates = end >= 0 ? [...args.slice(0, end).filter((a) => !a.startsWith('-')), ...args.slice(end + 1)] : args.filter((a) => !a.startsWith('-'));
  const file = candidates.find((a) => a.trim() !== '');
  return file === undefined ? null : path.resolve(options.cwd, file);
}
