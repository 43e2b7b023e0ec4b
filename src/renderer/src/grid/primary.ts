/**
 * The main grid of the view on screen, for the skip link ("Skip to the grid") and the view
 * shortcuts (Alt+digit goes straight to the view's grid): the grid that registers last wins, and
 * unregisters when its view goes. A grid still loading its rows takes the focus once it has them.
 */
import { useSyncExternalStore } from 'react';

/** Focuses the grid's first cell; false when it cannot yet (no rows drawn). */
type Focus = () => boolean;

let current: Focus | null = null;
let pending = false;
/** When focus was asked for while the view had no grid yet (its grid may come with its data). */
let askedAt = -Infinity;
const WAIT_MS = 3000;
const listeners = new Set<() => void>();
const notify = () => listeners.forEach((l) => l());

export function registerPrimaryGrid(focus: Focus): () => void {
  current = focus;
  if (performance.now() - askedAt < WAIT_MS) pending = true;
  askedAt = -Infinity;
  notify();
  return () => {
    if (current === focus) {
      current = null;
      pending = false;
      notify();
    }
  };
}

/**
 * Moves keyboard focus to the main grid's first cell, now or as soon as its rows are drawn;
 * false when the view has no grid.
 */
export function focusPrimaryGrid({ wait = false } = {}): boolean {
  if (!current) {
    // A view that draws its grid once its data has come takes the focus then, if soon.
    if (wait) askedAt = performance.now();
    return false;
  }
  pending = !current();
  return true;
}

/** Forgets a request for focus that no grid has taken (the planner has moved on). */
export function cancelPrimaryFocus(): void {
  askedAt = -Infinity;
  pending = false;
}

/** Called by the main grid when its rows change: takes the focus if it was asked for while loading. */
export function primaryGridReady(): void {
  if (pending && current?.()) pending = false;
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
