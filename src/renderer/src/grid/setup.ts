import { AllCommunityModule, ModuleRegistry, provideGlobalGridOptions, themeQuartz } from 'ag-grid-community';

ModuleRegistry.registerModules([AllCommunityModule]);

/** NHS identity on AG Grid's Quartz theme: Arial, NHS Blue accents, pale grey headers, visible focus. */
export const gridTheme = themeQuartz.withParams({
  fontFamily: 'Arial, Helvetica, sans-serif',
  fontSize: 14,
  headerFontSize: 13,
  headerFontWeight: 700,
  accentColor: '#005EB8',
  foregroundColor: '#231F20',
  headerBackgroundColor: '#E8EDEE',
  headerTextColor: '#231F20',
  borderColor: '#AEB7BD',
  rowHoverColor: '#F0F4F5',
  selectedRowBackgroundColor: '#D7E6F5',
  oddRowBackgroundColor: '#FFFFFF',
  rowHeight: 32,
  headerHeight: 36,
  spacing: 6,
  wrapperBorderRadius: 2,
  cellHorizontalPadding: 8,
  focusShadow: { radius: 0, spread: 3, color: '#FFB81C' },
  inputFocusBorder: { color: '#003087', width: 2 },
});

provideGlobalGridOptions({ theme: gridTheme });
