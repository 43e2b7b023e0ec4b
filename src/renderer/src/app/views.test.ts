import { describe, expect, it, vi } from 'vitest';

// The views module imports every view; only its shortcut table and key matching are tested here.
vi.mock('../views/PipelinesView', () => ({ PipelinesView: () => null }));
vi.mock('../views/dashboard/DashboardView', () => ({ DashboardView: () => null }));
vi.mock('../views/projection/ProjectionView', () => ({ ProjectionView: () => null }));
vi.mock('../views/compare/CompareView', () => ({ CompareView: () => null }));
vi.mock('../views/inputs/AssumptionsView', () => ({ AssumptionsView: () => null }));
vi.mock('../views/inputs/BaselineView', () => ({ BaselineView: () => null }));
vi.mock('../views/inputs/DemandView', () => ({ DemandView: () => null }));
vi.mock('../views/inputs/JoinersView', () => ({ JoinersView: () => null }));
vi.mock('../views/inputs/TargetsView', () => ({ TargetsView: () => null }));
vi.mock('../views/import/ImportView', () => ({ ImportView: () => null }));
vi.mock('../views/history/HistoryView', () => ({ HistoryView: () => null }));

const { VIEWS, shortcutText, viewForKey } = await import('./views');
const key = (over: Partial<{ altKey: boolean; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; code: string; key: string }>) => ({
  altKey: false,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  code: '',
  key: '',
  ...over,
});

describe('view shortcuts', () => {
  it('gives every view its own key, written as it is pressed', () => {
    const texts = VIEWS.map((v) => shortcutText(v.shortcut, false));
    expect(new Set(texts).size).toBe(VIEWS.length);
    expect(texts).toEqual(['Alt+1', 'Alt+2', 'Alt+3', 'Alt+4', 'Alt+5', 'Alt+6', 'Alt+7', 'Alt+8', 'Alt+9', 'Ctrl+I', 'Alt+0']);
    expect(shortcutText(VIEWS[6].shortcut, true)).toBe('⌥7');
  });

  it('matches Alt and the digit by physical key (Option+7 on a Mac types ¶), and Ctrl+I (⌘I on a Mac)', () => {
    expect(viewForKey(key({ altKey: true, code: 'Digit7', key: '7' }), false)).toBe('projection');
    expect(viewForKey(key({ altKey: true, code: 'Digit7', key: '¶' }), true)).toBe('projection');
    expect(viewForKey(key({ altKey: true, code: 'Digit0', key: '0' }), false)).toBe('history');
    expect(viewForKey(key({ ctrlKey: true, code: 'KeyI', key: 'i' }), false)).toBe('import');
    expect(viewForKey(key({ metaKey: true, code: 'KeyI', key: 'i' }), true)).toBe('import');
    // Not with other modifiers, and not Ctrl+digit (Ctrl+0 resets the zoom).
    expect(viewForKey(key({ altKey: true, shiftKey: true, code: 'Digit7', key: '7' }), false)).toBeNull();
    expect(viewForKey(key({ ctrlKey: true, code: 'Digit0', key: '0' }), false)).toBeNull();
    expect(viewForKey(key({ ctrlKey: true, code: 'KeyI', key: 'i' }), true)).toBeNull();
  });
});
