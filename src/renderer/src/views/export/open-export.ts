/** Lets the top bar and the native menu open the one Export dialog. */
const listeners = new Set<() => void>();

export function openExportDialog(): void {
  for (const l of listeners) l();
}

export function onOpenExportDialog(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
