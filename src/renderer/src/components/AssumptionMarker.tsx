import type { AssumptionNote } from '../../../shared/api/dto';

const LABEL = { illustrative: 'Illustrative', derived: 'Derived', stated: 'Stated' } as const;

/**
 * The small marker an assumed or derived number carries outside a grid (the dashboard's cards); its
 * tooltip names the source. Grid cells draw the same markup in plain DOM (grid/columns.tsx).
 */
export function AssumptionMarker({ note }: { note: AssumptionNote | undefined }) {
  if (!note || note.status === 'stated') return null;
  const text = `${LABEL[note.status]}: ${note.source}`;
  return (
    <span className={`marker marker-${note.status}`} title={text} aria-label={text} role="img">
      {note.status === 'illustrative' ? 'i' : 'd'}
    </span>
  );
}
