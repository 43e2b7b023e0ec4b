/** Small line icons for the navigation, drawn as SVG (decorative: each button has its name). */
import type { ReactNode } from 'react';

const PATHS: Record<string, ReactNode> = {
  dashboard: (
    <>
      <rect x="3" y="3" width="7" height="8" />
      <rect x="14" y="3" width="7" height="5" />
      <rect x="14" y="12" width="7" height="9" />
      <rect x="3" y="15" width="7" height="6" />
    </>
  ),
  baseline: (
    <>
      <circle cx="9" cy="8" r="3.5" />
      <path d="M2.5 20c0-3.6 2.9-6 6.5-6s6.5 2.4 6.5 6" />
      <circle cx="17.5" cy="9" r="2.5" />
      <path d="M16 14.3c3 .2 5.5 2.2 5.5 5.7" />
    </>
  ),
  pipelines: (
    <>
      <path d="M3 7h10M3 12h13M3 17h10" />
      <path d="M15 5l6 7-6 7" />
    </>
  ),
  joiners: (
    <>
      <circle cx="9" cy="8" r="3.5" />
      <path d="M2.5 20c0-3.6 2.9-6 6.5-6s6.5 2.4 6.5 6" />
      <path d="M19 7v6M16 10h6" />
    </>
  ),
  demand: (
    <>
      <path d="M3 21V3M3 21h18" />
      <path d="M6 17l4-5 3 3 6-8" />
    </>
  ),
  targets: (
    <>
      <circle cx="12" cy="12" r="8.5" />
      <circle cx="12" cy="12" r="4.5" />
      <circle cx="12" cy="12" r="1" />
    </>
  ),
  projection: (
    <>
      <path d="M3 21V3M3 21h18" />
      <path d="M6 15l4-3 4 2 6-6" strokeDasharray="2.5 2" />
    </>
  ),
  compare: (
    <>
      <rect x="3" y="5" width="7" height="15" />
      <rect x="14" y="9" width="7" height="11" />
    </>
  ),
  assumptions: (
    <>
      <circle cx="12" cy="12" r="8.5" />
      <path d="M12 11v6M12 7.5v.5" />
    </>
  ),
  import: (
    <>
      <path d="M12 3v11M7.5 9.5 12 14l4.5-4.5" />
      <path d="M4 15v5h16v-5" />
    </>
  ),
  history: (
    <>
      <circle cx="12" cy="12" r="8.5" />
      <path d="M12 7v5l3.5 2.5" />
    </>
  ),
};

export function NavIcon({ view }: { view: string }) {
  return (
    <svg
      className="nav-icon"
      viewBox="0 0 24 24"
      width="20"
      height="20"
      aria-hidden="true"
      focusable="false"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.8"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      {PATHS[view] ?? null}
    </svg>
  );
}
