/**
 * AG Grid set-up. The grid is styled from static CSS (its "legacy" CSS themes) rather than the
 * theming API, which injects <style> elements: the page's CSP allows styles only from 'self'.
 */
import { AllCommunityModule, ModuleRegistry, provideGlobalGridOptions } from 'ag-grid-community';
import 'ag-grid-community/styles/ag-grid.css';
import 'ag-grid-community/styles/ag-theme-quartz.css';

ModuleRegistry.registerModules([AllCommunityModule]);
provideGlobalGridOptions({ theme: 'legacy', animateRows: false });

/** The class every grid host carries (the NHS variant of Quartz is set in styles.css). */
export const GRID_THEME_CLASS = 'ag-theme-quartz ag-theme-nhs';
