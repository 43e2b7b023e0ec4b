/**
 * Real data: the NHS Digital HCHS file (sheet Data, 81,603 rows, two months), from which the
 * demo plan's NHS baseline is derived. Re-imported into the demo it changes nothing but
 * rounding: the file's totals per Dorset organisation and staff group equal the file summed
 * directly, each role gets its staff groups' FTE times the demo mapping's shares, and the
 * ambulance trust, whose whole South West workforce the file holds, gets the plan's 65/241 of it.
 */
import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { demoSession, dumpPlan } from '../../../../tests/support/plans';
import { runProjection } from '../projection';
import { AMBULANCE_DORSET_SHARE } from '../demo/model-inputs';
import { STAFF_GROUP_TO_ROLES } from '../../../shared/model/staff-groups';
import { analyseImport, commitImport, ImportSessions, validateImport } from './service';
import { ROUNDING } from './plan-changes';

const DIR = '/work/shared/data/nhs';
const FILE = fs.readdirSync(DIR).find((n) => n.startsWith('hchs'))!;
const sessions = new ImportSessions();
afterAll(() => sessions.closeAll());

describe('HCHS staff by staff group, nationality and organisation', () => {
  it('re-imports June 2018 into the demo changing nothing but rounding, with the totals of the file summed directly', async () => {
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
    expect(analysis.columns.find((c) => c.header === 'FTE')).toMatchObject({ field: 'fte', confidence: 'sure' });
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

    // Nothing but rounding: no line added, replaced or flagged; the ambulance trust at its share.
    expect(report.counts).toMatchObject({ added: 0, replaced: 0, excluded: 0, flagged: 0 });
    expect(report.counts.rounding + report.counts.unchanged).toBe(report.preview.length);
    expect(report.questions).toEqual([]);
    const ryfWhole = [...direct].filter(([k]) => k.startsWith('RYF|') && k.split('|')[1]! in STAFF_GROUP_TO_ROLES).reduce((a, [, v]) => a + v, 0);
    expect(report.shares).toHaveLength(1);
    expect(report.shares[0]).toMatchObject({ code: 'RYF', share: AMBULANCE_DORSET_SHARE });
    expect(report.shares[0]!.whole).toBeCloseTo(ryfWhole, 6);
    expect(report.shares[0]!.text).toBe(
      `whole trust ${ryfWhole.toLocaleString('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 })} FTE × 27.0% = 1,049.4`,
    );

    const before = dumpPlan(db);
    const gapBefore = runProjection(db, scenarioId).totals.gap;
    await commitImport(db, loaded, scenarioId, report.mapping);
    // Each role's FTE = Σ over staff groups of the group's FTE × the role's share in the demo mapping × the organisation's share.
    const expected = new Map<string, number>();
    for (const [k, fte] of direct) {
      const [org, group] = k.split('|') as [string, string];
      const orgShare = org === 'RYF' ? AMBULANCE_DORSET_SHARE : 1;
      for (const [role, share] of STAFF_GROUP_TO_ROLES[group] ?? [])
        expected.set(`${org}|${role}`, (expected.get(`${org}|${role}`) ?? 0) + fte * share * orgShare);
    }
    for (const [k, fte] of expected) {
      const [org, role] = k.split('|') as [string, string];
      const got = db
        .prepare(
          'SELECT b.fte FROM workforce_baseline b JOIN organisation o ON o.id = b.org_id JOIN role r ON r.id = b.role_id WHERE o.code = ? AND r.code = ?',
        )
        .get(org, role) as { fte: number };
      expect(got.fte, k).toBeCloseTo(fte, 6);
    }
    // Every baseline figure moved by less than the rounding of the demo's one decimal; headcount and establishment not at all.
    const after = dumpPlan(db);
    type Row = { id: number; fte: number; headcount: number; establishment: number; age_profile: string };
    const was = new Map((before['workforce_baseline'] as Row[]).map((r) => [r.id, r]));
    for (const r of after['workforce_baseline'] as Row[]) {
      const b = was.get(r.id)!;
      expect(Math.abs(r.fte - b.fte), String(r.id)).toBeLessThan(ROUNDING);
      expect([r.headcount, r.establishment, r.age_profile]).toEqual([b.headcount, b.establishment, b.age_profile]);
    }
    // Nothing else in the plan changed: only the import's own history row was added.
    expect({ ...after, workforce_baseline: [], import_history: [] }).toEqual({ ...before, workforce_baseline: [], import_history: [] });
    expect(after['import_history']).toMatchObject([{ added: 0, replaced: 93, rows_read: 81_603 }]);
    // So the system's gap moves by rounding only (a few FTE at most across 93 lines, over ten years).
    const gapAfter = runProjection(db, scenarioId).totals.gap;
    for (let t = 0; t < gapBefore.length; t++) expect(Math.abs(gapAfter[t]! - gapBefore[t]!)).toBeLessThan(ROUNDING * report.preview.length);
    s.db.close();
  }, 90_000);
});
