import { useAppState } from './AppState';

export function StatusBar() {
  const { save, plan } = useAppState();
  const text = plan?.readOnly && save.kind === 'saved' ? 'Read-only: nothing is written to this plan' : save.kind === 'saved' ? 'All changes saved' : save.kind === 'saving' ? 'Saving…' : `Not saved: ${save.message}`;
  return (
    <footer className="status" aria-label="Status">
      <span role="status" className={`status-save status-${save.kind}`}>
        {text}
      </span>
      {plan ? <span className="status-item status-path" title={plan.path}>{plan.path}</span> : null}
    </footer>
  );
}
