import { describe, expect, it } from 'vitest';
import { DEFAULT_PREFERENCES, readPreferences } from './preferences';

describe('remembered preferences', () => {
  it('reads what was stored, field by field', () => {
    expect(readPreferences(JSON.stringify({ density: 'compact', navCollapsed: true, bridgeDock: 'right', bridgeWidth: 500 }))).toEqual({
      ...DEFAULT_PREFERENCES,
      density: 'compact',
      navCollapsed: true,
      bridgeDock: 'right',
      bridgeWidth: 500,
    });
  });

  it('falls back to the defaults for anything missing, unknown or out of range', () => {
    expect(readPreferences(null)).toEqual(DEFAULT_PREFERENCES);
    expect(readPreferences('not json')).toEqual(DEFAULT_PREFERENCES);
    expect(readPreferences('[1,2]')).toEqual(DEFAULT_PREFERENCES);
    expect(readPreferences(JSON.stringify({ density: 'tiny', navCollapsed: 'yes', bridgeWidth: 5, projectionMeasure: 'gap' }))).toEqual(DEFAULT_PREFERENCES);
  });
});
