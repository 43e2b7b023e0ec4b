/**
 * Real data: the NHS Digital HCHS file (sheet Data, 81,603 rows, two months) imported into the
 * demo plan's baseline gives the same FTE per Dorset organisation and staff group as summing
 * the file directly, and each role gets its staff groups' FTE times the demo mapping's shares.
 */
import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { demoSession } from '../../../../tests/support/plans';
import { STAFF_GROUP_TO_ROLES } from '../demo/model-inputs';
import { analyseImport, commitImport, ImportSessions, validateImport } from './service';

const DIR = '/work/shared/data/nhs';
const FILE = fs.readdirSync(DIR).find((n) => n.startsWith('hchs'))!;
const sessions = new ImportSessions();
afterAll(() => sessions.closeAll());

describe('HCHS staff by staff group, nationality and organisation', () => {
  it('imports June 2018 into the baseline with the FTE the file holds for each Dorset organisation and staff group', async () => {
    const bytes = fs.readFileSync(`${DIR}/${FILE}`);
    // Summed directly from the file, independently of the importer.
    const wb = XLSX.read(bytes, { type: 'buffer', dense: true });
    const rows = XLSX.utils.sheet_to_json<{ Month: string; 'Organisation code': string; 'Staff group': string; FTE: number }>(wb.Sheets['Data']!);
    expect(rows.length).toBe(81_603);
    const s = demoSession();
    const db = s.db;
    const dorset = new Set((db.prepare('SELECT code FROM organisation').all() as { code: string }[]).map((o) => o.code));
    const direct = new Map<string, number>();
    for (const r of rows) {
      if (r.Month !== '2018-JUN' || !dorset.has(r['Organisation code']) || r['Staff group'] === 'Unknown') continue;
      const k = `${r['Organisation code']}|${r['Staff group']}`;
      direct.set(k, (direct.get(k) ?? 0) + r.FTE);
    }
    expect(direct.size).toBeGreaterThan(40);

    const loaded = await sessions.load(bytes, FILE);
    const analysis = await analyseImport(db, loaded, 'baseline');
    expect(analysis.sheet).toBe('Data');
    const scenarioId = (db.prepare('SELECT id FROM scenario ORDER BY sort, id LIMIT 1').get() as { id: number }).id;
    const first = await validateImport(db, loaded, scenarioId, analysis.proposed);
    expect(first.report.periods).toEqual(['2017-SEP', '2018-JUN']);
    expect(first.report.canCommit).toBe(false);
    const mapping = { ...analysis.proposed, options: { period: '2018-JUN' } };
    const { report } = await validateImport(db, loaded, scenarioId, mapping);
    expect(report.errors).toBe(0);
    expect(report.rowsRead).toBe(81_603);
    const imported = new Map(report.totalsBySource.map((t) => [`${t.org}|${t.staffGroup}`, t.value]));
    expect([...imported.keys()].sort()).toEqual([...direct.keys()].sort());
    for (const [k, v] of direct) expect(imported.get(k), k).toBeCloseTo(v, 6);

    await commitImport(db, loaded, scenarioId, report.mapping);
    // Each role's FTE = Σ over staff groups of the group's FTE × the role's share in the demo mapping.
    const expected = new Map<string, number>();
    for (const [k, fte] of direct) {
      const [org, group] = k.split('|') as [string, string];
      for (const [role, share] of STAFF_GROUP_TO_ROLES[group] ?? []) expected.set(`${org}|${role}`, (expected.get(`${org}|${role}`) ?? 0) + fte * share);
    }
    for (const [k, fte] of expected) {
      const [org, role] = k.split('|') as [string, string];
      const got = db.prepare('SELECT b.fte FROM workforce_baseline b JOIN organisation o ON o.id = b.org_id JOIN role r ON r.id = b.role_id WHERE o.code = ? AND r.code = ?').get(org, role) as { fte: number };
      expect(got.fte, k).toBeCloseTo(fte, 6);
    }
    s.db.close();
  }, 60_000);
});
