import type { AssumptionNote } from '../../../shared/api/dto';

const LABEL = { illustrative: 'Illustrative', derived: 'Derived', stated: 'Stated' } as const;

/** The small marker an assumed or derived number carries; its tooltip names the source. */
export function AssumptionMarker({ note }: { note: AssumptionNote | undefined }) {
  if (!note || note.status === 'stated') return null;
  const text = `${LABEL[note.status]}: ${note.source}`;
  return (
    <span className={`marker marker-${note.status}`} title={text} aria-label={text} role="img">
      {note.status === 'illustrative' ? 'i' : 'd'}
    </span>
  );
}

export function assumptionTitle(note: AssumptionNote | undefined): string | undefined {
  return note ? `${LABEL[note.status]}: ${note.source}` : undefined;
}
