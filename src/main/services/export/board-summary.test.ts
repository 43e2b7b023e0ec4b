import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listScenarios } from '../../db/repos/scenarios';
import { closeSession, createDemoPlan } from '../plan-session';
import { setShortageCriteria } from '../inputs';
import { runScenario } from '../projection';
import { tempDir } from '../../../../tests/support/temp';
import { boardSummary, SHORTAGE_ROWS } from './board-summary';

describe('the board summary’s shortage roles', () => {
  it('prints the worst first, at most SHORTAGE_ROWS of them, and says how many more meet the criteria', () => {
    const s = createDemoPlan(path.join(tempDir(), 'demo.wfplan'));
    try {
      const id = listScenarios(s.db).find((x) => x.name === 'Our Dorset plan')!.id;
      // Criteria every role meets: the list is as long as the plan has roles.
      setShortageCriteria(s.db, { vacancyRateAbove: null, leaverRateAbove: 0, aged55PlusAbove: null, mode: 'any' });
      const all = runScenario(s.db, id).result.shortage.filter((r) => r.isShortage);
      expect(all.length).toBeGreaterThan(SHORTAGE_ROWS);
      const data = boardSummary(s.db, { scenarioId: id, planFile: s.path, planHash: '0'.repeat(64), appVersion: 'test' });
      expect(data.shortage.roles).toHaveLength(SHORTAGE_ROWS);
      expect(data.shortage.more).toBe(all.length - SHORTAGE_ROWS);
      const peaks = data.shortage.roles.map((r) => r.peakVacancyRate);
      expect(peaks).toEqual([...peaks].sort((a, b) => b - a));
      expect(peaks[0]).toBe(Math.max(...all.map((r) => r.peakVacancyRate)));

      // A short list is printed whole, with nothing more to say.
      setShortageCriteria(s.db, { vacancyRateAbove: 0.5, leaverRateAbove: null, aged55PlusAbove: null, mode: 'any' });
      const few = boardSummary(s.db, { scenarioId: id, planFile: s.path, planHash: '0'.repeat(64), appVersion: 'test' });
      expect(few.shortage.roles.length).toBe(runScenario(s.db, id).result.shortage.filter((r) => r.isShortage).length);
      expect(few.shortage.more).toBe(0);
    } finally {
      closeSession(s);
    }
  });
});
