import { describe, expect, it } from 'vitest';
import { TaskRegistry } from './tasks';

describe('tasks', () => {
  it('a cancel before the writing begins stops the task, saying nothing was changed', async () => {
    const tasks = new TaskRegistry(() => undefined);
    const running = tasks.run('t1', 'Importing', async (task) => {
      await new Promise((r) => setTimeout(r, 20));
      task.beginWriting();
      return 'written';
    });
    expect(tasks.cancel('t1')).toBe(true);
    await expect(running).rejects.toMatchObject({ code: 'CANCELLED', message: 'Importing was cancelled. Nothing was changed.' });
  });

  it('once the writing has begun a cancel is refused, and the task finishes and says what it did', async () => {
    const tasks = new TaskRegistry(() => undefined);
    let begun!: () => void;
    const started = new Promise<void>((r) => (begun = r));
    const running = tasks.run('t2', 'Importing', async (task) => {
      task.beginWriting();
      begun();
      await new Promise((r) => setTimeout(r, 20));
      return 'written';
    });
    await started;
    expect(tasks.cancel('t2')).toBe(false);
    await expect(running).resolves.toBe('written');
    // The id is free again for the next task.
    expect(tasks.cancel('t2')).toBe(false);
    await expect(tasks.run('t2', 'Importing', () => 'again')).resolves.toBe('again');
  });
});
