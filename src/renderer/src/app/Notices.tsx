import { useState } from 'react';
import { useAppState } from './AppState';

/**
 * Messages about the last actions, in one place at the top of the view: the newest on one line,
 * earlier ones behind "N earlier" until asked for. Each says what to do next; errors stay until
 * dismissed; "Dismiss all" clears the stack.
 */
export function Notices() {
  const { notices, dismiss } = useAppState();
  const [expanded, setExpanded] = useState(false);
  if (notices.length === 0) return null;
  const newestFirst = [...notices].reverse();
  const shown = expanded ? newestFirst : newestFirst.slice(0, 1);
  const earlier = notices.length - 1;
  return (
    <div className="notices" role="region" aria-label="Notices">
      <div className="notice-stack">
        {shown.map((n) => (
          <div key={n.id} className={`notice notice-${n.kind}`} role={n.kind === 'error' ? 'alert' : 'status'}>
            <span className="notice-icon" aria-hidden="true">
              {n.kind === 'error' ? '⚠' : 'ℹ'}
            </span>
            <span className="notice-text">{n.message}</span>
            <button type="button" className="link-button" onClick={() => dismiss(n.id)}>
              Dismiss
            </button>
          </div>
        ))}
      </div>
      {earlier > 0 ? (
        <div className="notice-controls">
          <button type="button" className="link-button" aria-expanded={expanded} onClick={() => setExpanded((e) => !e)}>
            {expanded ? 'Show the newest only' : `${earlier} earlier ${earlier === 1 ? 'notice' : 'notices'}`}
          </button>
          <button
            type="button"
            className="link-button"
            onClick={() => {
              for (const n of notices) dismiss(n.id);
              setExpanded(false);
            }}
          >
            Dismiss all
          </button>
        </div>
      ) : null}
    </div>
  );
}
