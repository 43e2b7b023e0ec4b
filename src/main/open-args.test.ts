import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { planFileFromArgv } from './open-args';

const cwd = path.resolve('/home/planner/Documents');

describe('the plan named on the command line', () => {
  it('is the first argument after the executable in a packaged app', () => {
    expect(planFileFromArgv(['/opt/Planner/workforce-pipeline-planner', '/data/Dorset.wfplan'], { isPackaged: true, cwd })).toBe(
      path.resolve('/data/Dorset.wfplan'),
    );
  });

  it('skips the app folder as well in development', () => {
    expect(planFileFromArgv(['/x/electron', '.', 'plans/Dorset.wfplan'], { isPackaged: false, cwd })).toBe(path.join(cwd, 'plans/Dorset.wfplan'));
    expect(planFileFromArgv(['/x/electron', '.'], { isPackaged: false, cwd })).toBeNull();
  });

  it('is resolved against the launching process working directory', () => {
    expect(planFileFromArgv(['app', 'My plan.wfplan'], { isPackaged: true, cwd })).toBe(path.join(cwd, 'My plan.wfplan'));
  });

  it('ignores switches, including those Chromium adds to a second instance', () => {
    const argv = ['app', '--allow-file-access-from-files', '--original-process-start-time=13370000000', 'Board.wfplan', '--enable-logging'];
    expect(planFileFromArgv(argv, { isPackaged: true, cwd })).toBe(path.join(cwd, 'Board.wfplan'));
    expect(planFileFromArgv(['app', '--inspect', '-v'], { isPackaged: true, cwd })).toBeNull();
    expect(planFileFromArgv(['app', '--', '-odd name.wfplan'], { isPackaged: true, cwd })).toBe(path.join(cwd, '-odd name.wfplan'));
  });

  it('is null when nothing is named, and passes on any file (a non-plan is refused when opened)', () => {
    expect(planFileFromArgv(['app'], { isPackaged: true, cwd })).toBeNull();
    expect(planFileFromArgv([], { isPackaged: true, cwd })).toBeNull();
    expect(planFileFromArgv(['app', 'staff.xlsx'], { isPackaged: true, cwd })).toBe(path.join(cwd, 'staff.xlsx'));
  });
});
