import { useAppState } from './AppState';
import { usePreferences, type Density } from './preferences';

export function StatusBar() {
  const { save, plan } = useAppState();
  const { preferences, setPreference } = usePreferences();
  const text =
    plan?.readOnly && save.kind === 'saved'
      ? 'Read-only: nothing is written to this plan'
      : save.kind === 'saved'
        ? 'All changes saved'
        : save.kind === 'saving'
          ? 'Saving…'
          : `Not saved: ${save.message}`;
  return (
    <footer className="status" aria-label="Status">
      <span role="status" className={`status-save status-${save.kind}`}>
        {text}
      </span>
      {plan ? (
        <span className="status-item status-path" title={plan.path}>
          {plan.path}
        </span>
      ) : null}
      <label className="status-density">
        <span>Grid rows</span>
        <select value={preferences.density} onChange={(e) => setPreference('density', e.target.value as Density)}>
          <option value="comfortable">Comfortable</option>
          <option value="compact">Compact</option>
        </select>
      </label>
    </footer>
  );
}
