import { useAppState } from './AppState';

/** Messages about the last action: errors stay until dismissed; they say what to do next. */
export function Notices() {
  const { notices, dismiss } = useAppState();
  if (notices.length === 0) return null;
  return (
    <div className="notices">
      {notices.map((n) => (
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
  );
}
