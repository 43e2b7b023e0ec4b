import type { Db } from '../../db/connection';
import type { DemoIds } from './seed';

/** Baseline workforce, rates, joiners, demand and targets of the demo (completed with the engine). */
export function seedModelInputs(_db: Db, _ids: DemoIds): void {
  // Filled in by the engine's inputs.
}
