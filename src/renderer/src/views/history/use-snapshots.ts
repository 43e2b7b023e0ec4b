/** The Snapshots tab's state and actions: the list, the one opened, and the comparison of two states. */
import { useCallback, useEffect, useState } from 'react';
import type { SnapshotComparison, SnapshotRow, SnapshotView } from '../../../../shared/api/channels/audit';
import { useAppState } from '../../app/AppState';
import { call, errorMessage } from '../../api';

/** A side of a comparison in the selects: "now" or a snapshot's id. */
const side = (v: string): number | null => (v === 'now' ? null : Number(v));

export function useSnapshots() {
  const { dataVersion, mutate, notify } = useAppState();
  const [list, setList] = useState<SnapshotRow[]>([]);
  const [opened, setOpened] = useState<SnapshotView | null>(null);
  const [a, setA] = useState<string>('');
  const [b, setB] = useState<string>('now');
  const [cmp, setCmp] = useState<SnapshotComparison | null>(null);
  const [busy, setBusy] = useState(false);

  const reload = useCallback(async () => {
    const l = await call('snapshots/list', {});
    setList(l);
    setA((cur) => (cur === '' || (cur !== 'now' && !l.some((s) => String(s.id) === cur)) ? (l[0] ? String(l[0].id) : 'now') : cur));
  }, []);

  useEffect(() => {
    reload().catch((err: unknown) => notify('error', errorMessage(err)));
  }, [reload, dataVersion, notify]);

  /** Runs an action, showing its failure; `working` shows "Working…" meanwhile. */
  const attempt = async (action: () => Promise<void>, working = false) => {
    try {
      if (working) setBusy(true);
      await action();
    } catch (err) {
      notify('error', errorMessage(err));
    } finally {
      if (working) setBusy(false);
    }
  };

  /** Saves a snapshot; `onSaved` runs once it is saved (the name box is cleared), before the list is read again. */
  const save = (name: string, onSaved: () => void) =>
    attempt(async () => {
      const s = await mutate(() => call('snapshots/save', { name }));
      onSaved();
      notify('info', `Saved snapshot "${s.name}".`);
      await reload();
    });
  const open = (s: SnapshotRow) => attempt(async () => setOpened(await call('snapshots/open', { snapshotId: s.id })), true);
  const restore = (s: SnapshotRow) =>
    attempt(async () => {
      await mutate(() => call('snapshots/restore', { snapshotId: s.id }));
      setCmp(null);
      notify('info', `Restored snapshot "${s.name}". Undo (Ctrl+Z) brings back the plan as it was before.`);
    });
  const remove = (s: SnapshotRow) =>
    attempt(async () => {
      await call('snapshots/delete', { snapshotId: s.id });
      if (opened?.snapshot.id === s.id) setOpened(null);
      notify('info', `Deleted snapshot "${s.name}".`);
      await reload();
    });
  const compare = () => attempt(async () => setCmp(await call('snapshots/compare', { a: side(a), b: side(b) })), true);
  const exportComparison = () =>
    attempt(async () => {
      const done = await call('snapshots/export-comparison', { a: side(a), b: side(b) });
      if (done) notify('info', `Saved the comparison to ${done.path}.`);
    });

  return { list, opened, closeOpened: () => setOpened(null), a, setA, b, setB, cmp, busy, save, open, restore, remove, compare, exportComparison };
}
