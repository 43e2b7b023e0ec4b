/**
 * AG Grid set-up: the modules, and the grids' look through AG Grid's Theming API (Quartz in NHS
 * identity). The theme's CSS is injected as <style> elements that carry the page load's style
 * nonce, which the page's CSP allows (src/main/security.ts); no other inline style is.
 */
import { AllCommunityModule, ModuleRegistry, provideGlobalGridOptions, themeQuartz, type Theme } from 'ag-grid-community';
import type { Density } from '../app/preferences';

ModuleRegistry.registerModules([AllCommunityModule]);

/**
 * This page load's style nonce, from `<meta property="csp-nonce">` (written by the build and
 * filled in by whatever serves the page). Read once, at start-up.
 */
export function pageStyleNonce(doc: Document = document): string | undefined {
  const meta = doc.querySelector<HTMLMetaElement>('meta[property="csp-nonce"]');
  return meta?.nonce || meta?.getAttribute('nonce') || undefined;
}

const styleNonce = pageStyleNonce();
provideGlobalGridOptions({ animateRows: false, ...(styleNonce ? { styleNonce } : {}) });

/** Quartz in NHS identity: Arial, NHS black text, pale grey headers, NHS blue accents (bold column headers and the yellow focus outline are in styles.css). */
const nhsQuartz = themeQuartz.withParams({
  fontFamily: ['Arial', 'Helvetica', 'sans-serif'],
  fontSize: 14,
  foregroundColor: '#231f20',
  textColor: '#231f20',
  cellTextColor: '#231f20',
  backgroundColor: '#ffffff',
  oddRowBackgroundColor: '#ffffff',
  headerTextColor: '#231f20',
  headerBackgroundColor: '#e8edee',
  accentColor: '#005eb8',
  borderColor: '#aeb7bd',
  rowBorder: { color: '#d8dde0' },
  rowHoverColor: '#f0f4f5',
  selectedRowBackgroundColor: '#d7e6f5',
  cellHorizontalPadding: 8,
  inputFocusBorder: { color: '#003087' },
  rangeSelectionBorderColor: '#ffb81c',
  wrapperBorderRadius: 2,
});

/** The grids' theme by density (row and header heights are set on each grid from GRID_SIZES). */
export const GRID_THEMES: Record<Density, Theme> = {
  comfortable: nhsQuartz,
  compact: nhsQuartz.withParams({ fontSize: 13, cellHorizontalPadding: 6 }),
};

/** The class every grid host carries (the app's own rules for grid cells hang from it). */
export const GRID_HOST_CLASS = 'nhs-grid';
