import { useEffect, useState } from 'react';
import { AppStateProvider, useAppState } from './AppState';
import { TopBar } from './TopBar';
import { StatusBar } from './StatusBar';
import { Notices } from './Notices';
import { DamagedPlanBanner } from './DamagedPlanBanner';
import { VIEWS, type ViewId } from './views';
import { usePlanCommands } from './plan-commands';
import { TaskProvider } from './tasks';
import { UncertaintyProvider } from './uncertainty';
import { openExportDialog } from '../views/export/open-export';
import { onOpenBoardSummary, type PrintRequest } from '../views/print/open-print';
import { PrintPreview } from '../views/print/PrintPreview';
import { requestSnapshot } from '../views/history/HistoryView';
import { AboutDialog } from './AboutDialog';

function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

function Shell() {
  const { undo, redo, plan } = useAppState();
  const commands = usePlanCommands();
  const [view, setView] = useState<ViewId>(VIEWS[0].id);
  // The board summary's print preview, for a scenario, replaces the window's content while open.
  const [printing, setPrinting] = useState<PrintRequest | null>(null);
  useEffect(() => onOpenBoardSummary(setPrinting), []);
  const [aboutOpen, setAboutOpen] = useState(false);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || isTextEntry(e.target)) return;
      const key = e.key.toLowerCase();
      if (key === 'z' && !e.shiftKey) {
        e.preventDefault();
        void undo();
      } else if (key === 'y' || (key === 'z' && e.shiftKey)) {
        e.preventDefault();
        void redo();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [undo, redo]);

  useEffect(
    () =>
      window.api.onEvent('menu/command', ({ command }) => {
        if (command === 'undo') void undo();
        else if (command === 'redo') void redo();
        else if (command === 'new-plan') void commands.newPlan();
        else if (command === 'open-plan') void commands.openPlan();
        else if (command === 'save-as') void commands.saveAs();
        else if (command === 'export') openExportDialog();
        else if (command === 'snapshot') {
          requestSnapshot();
          setView('history');
        } else if (command === 'about') setAboutOpen(true);
      }),
    [undo, redo, commands],
  );

  const active = VIEWS.find((v) => v.id === view) ?? VIEWS[0];
  const View = active.component;
  if (printing !== null) return <PrintPreview scenarioId={printing.scenarioId} uncertainty={printing.uncertainty} onClose={() => setPrinting(null)} />;
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <TopBar commands={commands} />
      <nav className="nav" aria-label="Views">
        <ul>
          {VIEWS.map((v) => (
            <li key={v.id}>
              <button type="button" className="nav-item" aria-current={v.id === view ? 'page' : undefined} onClick={() => setView(v.id)}>
                {v.label}
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" className="main" tabIndex={-1} aria-label={active.label}>
        <DamagedPlanBanner />
        <Notices />
        {plan ? <View /> : <p className="loading">Opening the plan…</p>}
      </main>
      <StatusBar />
      <AboutDialog open={aboutOpen} onClose={() => setAboutOpen(false)} />
    </div>
  );
}

export function App() {
  return (
    <AppStateProvider>
      <TaskProvider>
        <UncertaintyProvider>
          <Shell />
        </UncertaintyProvider>
      </TaskProvider>
    </AppStateProvider>
  );
}
