/**
 * The files loaded for import in this process: each one's bytes are parsed and held in its own
 * worker under an opaque token (see worker-client.ts), never on a path the window gave.
 */
import crypto from 'node:crypto';
import type { SheetSummary } from '../../../shared/api/channels/import';
import { AppError } from '../../../shared/api/errors';
import type { Analysis } from './engine';
import { ImportWorker, type WorkerOptions } from './worker-client';

export interface Progress {
  progress(fraction: number | null, message: string): void;
  readonly signal?: AbortSignal | undefined;
}

export const NO_PROGRESS: Progress = { progress: () => undefined };

/** One file being imported: its bytes are in the worker, never on a path the window gave. */
export interface LoadedImport {
  token: string;
  fileName: string;
  size: number;
  sha256: string;
  sheets: SheetSummary[];
  worker: ImportWorker;
  analysis: Analysis | null;
}

/** The files loaded in this process, by token. */
export class ImportSessions {
  private readonly byToken = new Map<string, LoadedImport>();

  constructor(private readonly workerOptions: WorkerOptions = {}) {}

  async load(bytes: Uint8Array, fileName: string, p: Progress = NO_PROGRESS): Promise<LoadedImport> {
    const name = fileName.replace(/^.*[\\/]/, '');
    p.progress(0.05, `Reading ${name}…`);
    const worker = new ImportWorker(name, this.workerOptions);
    try {
      const copy = new Uint8Array(bytes);
      const reading = worker.request<SheetSummary[]>({ type: 'load', bytes: copy, fileName: name }, { signal: p.signal, transfer: [copy.buffer] });
      // The hash for the import history is worked out here while the worker parses.
      const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
      const sheets = await reading;
      // Only a few files stay open: the oldest is closed when a sixth is loaded.
      if (this.byToken.size >= 5) {
        const oldest = this.byToken.keys().next().value;
        if (oldest !== undefined) await this.discard(oldest);
      }
      const token = crypto.randomBytes(16).toString('hex');
      const loaded: LoadedImport = { token, fileName: name, size: bytes.byteLength, sha256, sheets, worker, analysis: null };
      this.byToken.set(token, loaded);
      return loaded;
    } catch (err) {
      await worker.terminate();
      throw err;
    }
  }

  get(token: string): LoadedImport {
    const l = this.byToken.get(token);
    if (!l) throw new AppError('NOT_FOUND', 'That file is no longer open for import (it was closed or the app restarted). Choose it again.');
    if (!l.worker.alive) {
      this.byToken.delete(token);
      throw new AppError('NOT_FOUND', `"${l.fileName}" is no longer open for import (its reader was stopped). Choose it again.`);
    }
    return l;
  }

  async discard(token: string): Promise<boolean> {
    const l = this.byToken.get(token);
    if (!l) return false;
    this.byToken.delete(token);
    await l.worker.terminate();
    return true;
  }

  async closeAll(): Promise<void> {
    for (const t of [...this.byToken.keys()]) await this.discard(t);
  }
}
