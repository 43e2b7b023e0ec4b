/** Lets the Export dialog open the board summary's print preview, which replaces the window's content. */
export interface PrintRequest {
  scenarioId: number;
  /** Simulate the scenario's ranges for the fan chart and the targets' chances; null: none. */
  uncertainty: { runs: number; seed: number } | null;
}

const listeners = new Set<(request: PrintRequest) => void>();

export function openBoardSummary(scenarioId: number, uncertainty: PrintRequest['uncertainty'] = null): void {
  for (const l of listeners) l({ scenarioId, uncertainty });
}

export function onOpenBoardSummary(listener: (request: PrintRequest) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
