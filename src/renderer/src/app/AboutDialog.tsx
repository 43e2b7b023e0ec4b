/**
 * Help → About: the app's name and version, what it runs on, its licence, and every third-party
 * package that ships with it with that package's licence (read from the notices the build
 * generates from the installed packages).
 */
import { useEffect, useId, useState } from 'react';
import type { AboutInfo } from '../../../shared/api/channels/app';
import { call, errorMessage } from '../api';
import { Dialog } from '../components/Dialog';

const SHIPS: Record<string, string> = { installed: 'installed with the app', bundled: 'built into the app', runtime: 'the app’s runtime' };

export function AboutDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [about, setAbout] = useState<AboutInfo | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [find, setFind] = useState('');
  const findId = useId();

  useEffect(() => {
    if (!open || about) return;
    call('app/about', {})
      .then((info) => {
        setAbout(info);
        setError(null);
      })
      .catch((err: unknown) => setError(errorMessage(err)));
  }, [open, about]);

  const needle = find.trim().toLowerCase();
  const shown = about ? about.notices.filter((p) => needle === '' || p.name.toLowerCase().includes(needle) || p.licence.toLowerCase().includes(needle)) : [];
  return (
    <Dialog
      open={open}
      title="About Workforce Pipeline Planner"
      onClose={onClose}
      className="about-dialog"
      actions={
        <button type="button" className="button" onClick={onClose}>
          Close
        </button>
      }
    >
      {error ? <p role="alert">{error}</p> : null}
      {!about && !error ? <p>Loading…</p> : null}
      {about ? (
        <>
          <p className="about-version">
            {about.name} version {about.version}
          </p>
          <p className="muted about-runtime">{about.runtime}. Works offline: it makes no network connections.</p>
          <h3 className="about-heading">Licence</h3>
          <p>
            {about.name} is free software under the {about.licence} licence.
          </p>
          <details className="about-licence">
            <summary>Read the {about.licence} licence</summary>
            <pre className="licence-text">{about.licenceText}</pre>
          </details>
          <h3 className="about-heading">Third-party software</h3>
          <p>
            It includes {about.notices.length} packages by others, used under their licences. Open a package to read its licence. The same notices are in
            THIRD-PARTY-NOTICES.txt in the app’s folder.
          </p>
          <div className="about-find">
            <label htmlFor={findId}>Find a package</label>
            <input id={findId} type="search" value={find} onChange={(e) => setFind(e.target.value)} />
            <span className="muted" aria-live="polite">
              {shown.length} of {about.notices.length} packages
            </span>
          </div>
          <ul className="notice-list" aria-label="Third-party packages">
            {shown.map((p) => (
              <li key={`${p.name}@${p.version}`}>
                <details>
                  <summary>
                    <span className="notice-name">{p.name}</span> {p.version} · {p.licence}{' '}
                    <span className="muted">({p.ships.map((s) => SHIPS[s] ?? s).join(', ')})</span>
                  </summary>
                  {p.source && <p>Source: {p.source}</p>}
                  <pre className="licence-text">{p.licenceText ?? `The package includes no licence file; its package.json declares ${p.licence}.`}</pre>
                </details>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </Dialog>
  );
}
