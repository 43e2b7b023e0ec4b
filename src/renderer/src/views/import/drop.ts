/**
 * Drag a spreadsheet anywhere onto the window to import it: a window-level drop handler keeps
 * the file, switches to the Import view (through its navigation button, so the shell needs no
 * change) and tells the view, which starts the wizard with it.
 */
let pending: File | null = null;

export function takeDroppedFile(): File | null {
  const f = pending;
  pending = null;
  return f;
}

function hasFiles(e: DragEvent): boolean {
  return !!e.dataTransfer && Array.from(e.dataTransfer.types).includes('Files');
}

export function installWindowDrop(): void {
  if (typeof window === 'undefined') return;
  const w = window as Window & { __wfpImportDrop?: boolean };
  if (w.__wfpImportDrop) return;
  w.__wfpImportDrop = true;
  window.addEventListener('dragover', (e) => {
    if (!hasFiles(e)) return;
    // Without this the browser would open the file in place of the app.
    e.preventDefault();
    if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
  });
  window.addEventListener('drop', (e) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    const file = e.dataTransfer?.files[0];
    if (!file) return;
    pending = file;
    const nav = Array.from(document.querySelectorAll<HTMLButtonElement>('nav .nav-item')).find((b) => b.textContent?.trim() === 'Import');
    if (nav && nav.getAttribute('aria-current') !== 'page') nav.click();
    // If the Import view is already showing, it picks the file up from this event.
    window.setTimeout(() => window.dispatchEvent(new Event('wfp-import-file')), 0);
  });
}

installWindowDrop();
