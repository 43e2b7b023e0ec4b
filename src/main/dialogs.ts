/**
 * Every native file dialog goes through this interface: the Electron implementation shows real
 * dialogs; tests answer with a scripted implementation, so open, save-as, import and export are
 * tested end to end.
 */
export interface FileFilter {
  name: string;
  extensions: string[];
}

export interface Dialogs {
  /** A path to open, or null when the user cancels. */
  chooseFileToOpen(title: string, filters: FileFilter[]): Promise<string | null>;
  /** A path to write, or null when the user cancels. */
  chooseFileToSave(title: string, defaultPath: string, filters: FileFilter[]): Promise<string | null>;
}

export const PLAN_FILTERS: FileFilter[] = [{ name: 'Workforce plans', extensions: ['wfplan'] }];

/** Answers dialogs from a queue (tests). An empty queue answers "cancelled". */
export class ScriptedDialogs implements Dialogs {
  private readonly answers: (string | null)[] = [];
  readonly asked: { kind: 'open' | 'save'; title: string }[] = [];

  answer(...paths: (string | null)[]): void {
    this.answers.push(...paths);
  }

  chooseFileToOpen(title: string): Promise<string | null> {
    this.asked.push({ kind: 'open', title });
    return Promise.resolve(this.answers.shift() ?? null);
  }

  chooseFileToSave(title: string): Promise<string | null> {
    this.asked.push({ kind: 'save', title });
    return Promise.resolve(this.answers.shift() ?? null);
  }
}
