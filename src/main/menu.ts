import { Menu, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';
import type { MenuCommand, RecentPlan } from '../shared/api/dto';

export interface MenuActions {
  command(command: MenuCommand): void;
  openRecent(path: string): void;
}

/** The native menu: items send typed commands; it never runs script in the page. */
export function buildMenuTemplate(recent: RecentPlan[], actions: MenuActions, isMac: boolean): MenuItemConstructorOptions[] {
  const cmd = (label: string, command: MenuCommand, accelerator?: string): MenuItemConstructorOptions => ({
    label,
    ...(accelerator ? { accelerator } : {}),
    click: () => actions.command(command),
  });
  return [
    // macOS's application menu, with the app's own About (licence and notices) in place of the stock panel.
    ...(isMac
      ? [
          {
            label: 'Workforce Pipeline Planner',
            submenu: [
              cmd('About Workforce Pipeline Planner', 'about'),
              { type: 'separator' },
              { role: 'services' },
              { type: 'separator' },
              { role: 'hide' },
              { role: 'hideOthers' },
              { role: 'unhide' },
              { type: 'separator' },
              { role: 'quit' },
            ] satisfies MenuItemConstructorOptions[],
          },
        ]
      : []),
    {
      label: '&File',
      submenu: [
        cmd('New plan…', 'new-plan', 'CmdOrCtrl+N'),
        cmd('Open…', 'open-plan', 'CmdOrCtrl+O'),
        {
          label: 'Open recent',
          submenu: recent.length
            ? recent.map((r) => ({ label: `${r.name} — ${r.path}`, click: () => actions.openRecent(r.path) }))
            : [{ label: 'No recent plans', enabled: false }],
        },
        cmd('Save as…', 'save-as', 'CmdOrCtrl+Shift+S'),
        { type: 'separator' },
        cmd('Import spreadsheet…', 'import', 'CmdOrCtrl+I'),
        cmd('Export board workbook…', 'export', 'CmdOrCtrl+E'),
        cmd('Save snapshot…', 'snapshot'),
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    {
      label: '&Edit',
      submenu: [
        cmd('Undo', 'undo', 'CmdOrCtrl+Z'),
        cmd('Redo', 'redo', isMac ? 'Cmd+Shift+Z' : 'Ctrl+Y'),
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
      ],
    },
    { label: '&View', submenu: [{ role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }] },
    { role: 'windowMenu' },
    { role: 'help', submenu: [cmd('About Workforce Pipeline Planner', 'about')] },
  ];
}

export function installMenu(win: BrowserWindow | null, recent: RecentPlan[], actions: MenuActions): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate(recent, actions, process.platform === 'darwin')));
  void win;
}
