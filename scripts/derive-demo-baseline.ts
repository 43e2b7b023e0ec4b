/**
 * Derives the demo plan's NHS baseline from NHS Digital's "HCHS staff by staff group,
 * nationality and organisation" (June 2018, Open Government Licence): FTE summed over
 * nationalities, per Dorset NHS organisation and staff group. Writes
 * resources/demo/nhs-hchs-fte-2018-06.json, which the demo seed reads.
 *   npm run demo:baseline [-- path/to/file.xlsx]
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import * as XLSX from 'xlsx';

const DEFAULT = path.resolve('../shared/data/nhs/hchs-staff-by-staff-group-nationality-and-organisation-september-2017-and-june-2018_ah2324.xlsx');
const ORGS = ['RBD', 'RDY', 'RD3', 'RDZ', 'RYF', '11J'];
const MONTH = '2018-JUN';

const file = process.argv[2] ?? DEFAULT;
const bytes = fs.readFileSync(file);
const wb = XLSX.read(bytes, { type: 'buffer', dense: true });
const sheet = wb.Sheets['Data'];
if (!sheet) throw new Error(`${file} has no sheet "Data"`);
const rows = XLSX.utils.sheet_to_json<Record<string, unknown>>(sheet);
const fte: Record<string, Record<string, number>> = {};
let counted = 0;
for (const r of rows) {
  const code = r['Organisation code'];
  const org = typeof code === 'string' ? code : '';
  if (r['Month'] !== MONTH || !ORGS.includes(org)) continue;
  const rawGroup = r['Staff group'];
  const group = typeof rawGroup === 'string' ? rawGroup : '';
  const v = Number(r['FTE']);
  if (!Number.isFinite(v)) throw new Error(`Non-numeric FTE for ${org} ${group}`);
  fte[org] ??= {};
  fte[org][group] = (fte[org][group] ?? 0) + v;
  counted++;
}
for (const org of Object.keys(fte)) for (const g of Object.keys(fte[org]!)) fte[org]![g] = Math.round(fte[org]![g]! * 1e5) / 1e5;
const out = {
  source: 'NHS Digital, HCHS staff by staff group, nationality and organisation, September 2017 and June 2018 (sheet Data), Open Government Licence v3.0',
  file: path.basename(file),
  sha256: crypto.createHash('sha256').update(bytes).digest('hex'),
  month: MONTH,
  rowsSummed: counted,
  fte,
};
fs.writeFileSync(path.resolve('resources/demo/nhs-hchs-fte-2018-06.json'), `${JSON.stringify(out, null, 2)}\n`);
console.log(`Summed ${counted} rows for ${Object.keys(fte).length} organisations.`);
