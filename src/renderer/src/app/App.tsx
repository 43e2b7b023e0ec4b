import { useEffect, useRef, useState } from 'react';
import { AppStateProvider, useAppState } from './AppState';
import { TopBar } from './TopBar';
import { StatusBar } from './StatusBar';
import { Notices } from './Notices';
import { DamagedPlanBanner } from './DamagedPlanBanner';
import { LockedPlanBanner, ReadOnlyBanner } from './PlanAccessBanners';
import { VIEWS, shortcutAria, shortcutText, viewForKey, type ViewId } from './views';
import { usePlanCommands } from './plan-commands';
import { TaskProvider } from './tasks';
import { PreferencesProvider, usePreferences } from './preferences';
import { NavIcon } from './nav-icons';
import { UncertaintyProvider } from './uncertainty';
import { openExportDialog } from '../views/export/open-export';
import { onOpenBoardSummary, type PrintRequest } from '../views/print/open-print';
import { PrintPreview } from '../views/print/PrintPreview';
import { requestSnapshot } from '../views/history/HistoryView';
import { ProjectionProvider } from '../views/projection/use-projection';
import { cancelPrimaryFocus, focusPrimaryGrid, useHasPrimaryGrid } from '../grid/primary';
import { AboutDialog } from './AboutDialog';

function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

function Shell() {
  const { undo, redo, plan } = useAppState();
  const { preferences, setPreference } = usePreferences();
  const commands = usePlanCommands();
  const [view, setView] = useState<ViewId>(VIEWS[0].id);
  // The board summary's print preview, for a scenario, replaces the window's content while open.
  const [printing, setPrinting] = useState<PrintRequest | null>(null);
  useEffect(() => onOpenBoardSummary(setPrinting), []);
  const [aboutOpen, setAboutOpen] = useState(false);
  const hasGrid = useHasPrimaryGrid();
  const collapsed = preferences.navCollapsed;
  const mainRef = useRef<HTMLElement>(null);
  // A view opened by its shortcut takes the keyboard straight to its grid (or to the view).
  const [shortcutTo, setShortcutTo] = useState<{ view: ViewId } | null>(null);
  useEffect(() => {
    if (!shortcutTo || shortcutTo.view !== view) return;
    if (!focusPrimaryGrid({ wait: true })) mainRef.current?.focus();
    setShortcutTo(null);
  }, [shortcutTo, view]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      // A view's shortcut works from anywhere, a cell editor included, but not behind a dialog.
      const target = viewForKey(e);
      if (target !== null) {
        if (document.querySelector('dialog[open]')) return;
        e.preventDefault();
        setView(target);
        setShortcutTo({ view: target });
        return;
      }
      if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
      const key = e.key.toLowerCase();
      // The File menu's Export board workbook… (Ctrl+E, ⌘E), in the window too.
      if (key === 'e' && !e.shiftKey) {
        if (document.querySelector('dialog[open]')) return;
        e.preventDefault();
        openExportDialog();
        return;
      }
      if (isTextEntry(e.target)) return;
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
        else if (command === 'import') setView('import');
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
    <div className={`shell${collapsed ? ' nav-collapsed' : ''} density-${preferences.density}`}>
      <a
        className="skip-link"
        href="#main"
        onClick={(e) => {
          // To the view's main grid (its first cell), or to the start of the view.
          if (focusPrimaryGrid()) e.preventDefault();
        }}
      >
        {hasGrid ? 'Skip to the grid' : 'Skip to content'}
      </a>
      <TopBar commands={commands} />
      <nav className="nav" aria-label="Views">
        <button
          type="button"
          className="nav-toggle"
          aria-expanded={!collapsed}
          aria-controls="nav-list"
          title={collapsed ? 'Show the names of the views' : 'Collapse the navigation to icons'}
          onClick={() => setPreference('navCollapsed', !collapsed)}
        >
          <span aria-hidden="true">{collapsed ? '»' : '«'}</span>
          <span className={collapsed ? 'visually-hidden' : 'nav-toggle-text'}>{collapsed ? 'Expand navigation' : 'Collapse navigation'}</span>
        </button>
        <ul id="nav-list">
          {VIEWS.map((v) => (
            <li key={v.id} className="nav-entry">
              <button
                type="button"
                className="nav-item"
                aria-current={v.id === view ? 'page' : undefined}
                aria-keyshortcuts={shortcutAria(v.shortcut)}
                title={collapsed ? `${v.label} (${shortcutText(v.shortcut)})` : undefined}
                onClick={() => {
                  cancelPrimaryFocus();
                  setView(v.id);
                }}
              >
                <NavIcon view={v.id} />
                <span className={collapsed ? 'visually-hidden' : 'nav-label'}>{v.label}</span>
              </button>
              {/* Beside the button, not in it: the button's name stays the view's name. */}
              {collapsed ? null : (
                <kbd className="nav-key" aria-hidden="true">
                  {shortcutText(v.shortcut)}
                </kbd>
              )}
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" className="main" tabIndex={-1} aria-label={active.label} ref={mainRef}>
        <ReadOnlyBanner onSaveAs={() => void commands.saveAs()} />
        <DamagedPlanBanner />
        <LockedPlanBanner />
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
    <PreferencesProvider>
      <AppStateProvider>
        <ProjectionProvider>
          <TaskProvider>
            <UncertaintyProvider>
              <Shell />
            </UncertaintyProvider>
          </TaskProvider>
        </ProjectionProvider>
      </AppStateProvider>
    </PreferencesProvider>
  );
}
