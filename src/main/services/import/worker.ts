/**
 * The import worker: parses a file off the main thread, inside a heap limit, and answers
 * analyse / run requests over the file it holds. The main side stops it on a time limit.
 */
import { parentPort } from 'node:worker_threads';
import type { ImportMapping } from '../../../shared/api/channels/import';
import { analyse, load, run } from './engine';
import { ImportRefusal } from './limits';
import type { LoadedFile } from './read';

export type WorkerRequest =
  | { id: number; type: 'load'; bytes: Uint8Array; fileName: string }
  | { id: number; type: 'analyse'; sheet: string; headerRow?: number | undefined; staffGroups: string[] }
  | { id: number; type: 'run'; mapping: ImportMapping; headers: string[] };

export type WorkerReply =
  | { id: number; type: 'result'; value: unknown }
  | { id: number; type: 'refused'; message: string }
  | { id: number; type: 'failed'; message: string }
  | { id: number; type: 'progress'; fraction: number };

let file: LoadedFile | null = null;

function requireFile(): LoadedFile {
  if (!file) throw new ImportRefusal('No file is loaded: choose the file again.');
  return file;
}

async function handle(msg: WorkerRequest): Promise<unknown> {
  switch (msg.type) {
    case 'load': {
      file = null;
      const loaded = load(msg.bytes, msg.fileName);
      file = loaded.file;
      return loaded.sheets;
    }
    case 'analyse':
      return analyse(requireFile(), msg.sheet, msg.headerRow, msg.staffGroups);
    case 'run':
      return run(requireFile(), msg.mapping, msg.headers, (fraction) =>
        parentPort?.postMessage({ id: msg.id, type: 'progress', fraction } satisfies WorkerReply),
      );
  }
}

parentPort?.on('message', (msg: WorkerRequest) => {
  handle(msg).then(
    (value) => parentPort?.postMessage({ id: msg.id, type: 'result', value } satisfies WorkerReply),
    (err: unknown) => {
      if (err instanceof ImportRefusal) parentPort?.postMessage({ id: msg.id, type: 'refused', message: err.message } satisfies WorkerReply);
      // A library's own message may quote cell text: only its class goes back.
      else parentPort?.postMessage({ id: msg.id, type: 'failed', message: err instanceof Error ? err.name : 'Error' } satisfies WorkerReply);
    },
  );
});
