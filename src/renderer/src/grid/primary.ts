/**
 * The main grid of the view on screen, for the skip link ("Skip to the grid"): the grid that
 * registers last wins, and unregisters when its view goes.
 */
import { useSyncExternalStore } from 'react';

type Focus = () => void;

let current: Focus | null = null;
const listeners = new Set<() => void>();
const notify = () => listeners.forEach((l) => l());

export function registerPrimaryGrid(focus: Focus): () => void {
  current = focus;
  notify();
  return () => {
    if (current === focus) {
      current = null;
      notify();
    }
  };
}

/** Moves keyboard focus to the main grid's first cell; false when the view has no grid. */
export function focusPrimaryGrid(): boolean {
  if (!current) return false;
  current();
  return true;
}

/** True while the view on screen has a main grid. */
export function useHasPrimaryGrid(): boolean {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => current !== null,
  );
}
