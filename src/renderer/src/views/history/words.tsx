/** How History writes moments, sizes, values and target statuses. */
import { formatDateTimeSeconds } from '../../../../shared/format';

export const when = (iso: string): string => formatDateTimeSeconds(iso);

export function sizeLabel(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

export const shownValue = (v: string | null): string => (v === null ? 'not set' : v);

const STATUS_WORDS: Record<string, string> = { green: 'Green: met', amber: 'Amber: close', red: 'Red: missed', unknown: 'Not set' };
export const statusWord = (s: string | null): string => (s === null ? 'not in this state' : (STATUS_WORDS[s] ?? s));

/** One field's change, old → new, as the audit trail and the comparison show it. */
export function FieldChange({ field, old, now }: { field: string; old: string | null; now: string | null }) {
  return (
    <>
      {field}: <span className="old-value">{shownValue(old)}</span> → <span className="new-value">{shownValue(now)}</span>
    </>
  );
}
