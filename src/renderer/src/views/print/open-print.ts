/** Lets the Export dialog open the board summary's print preview, which replaces the window's content. */
const listeners = new Set<(scenarioId: number) => void>();

export function openBoardSummary(scenarioId: number): void {
  for (const l of listeners) l(scenarioId);
}

export function onOpenBoardSummary(listener: (scenarioId: number) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
