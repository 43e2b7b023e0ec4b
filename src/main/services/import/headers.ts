/**
 * Finding the header row and proposing what each column holds, from the real headings in
 * ../shared/esr-columns.md §5. Matching ignores case, spaces, underscores, punctuation and
 * footnote digits ("European Union1").
 */
import type { CellValue, ColumnInfo, FieldKey } from '../../../shared/api/channels/import';
import { columnLetter } from './limits';

export function normaliseHeader(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\s_\-./()&:,'’]+/g, '')
    .replace(/\d+$/, (d) => (d.length <= 2 ? '' : d));
}

/** Headings, normalised, for each field. */
const SYNONYMS: [FieldKey, string[]][] = [
  ['org_code', ['orgcode', 'organisationcode', 'organizationcode', 'pcncode', 'orgl3', 'orgl4', 'orgl5', 'orgl6', 'orgl7', 'orgl8', 'trustcode', 'odscode', 'employercode', 'code']],
  ['org_name', ['orgname', 'organisationname', 'organizationname', 'organisation', 'organization', 'trust', 'employer', 'trustname', 'pcnname']],
  ['staff_group', ['staffgroup', 'esrstaffgroup', 'mainstaffgroup']],
  ['job_role', ['jobrole', 'staffrole', 'detailedstaffrole', 'mainjobrole', 'positiontitle', 'role', 'rolecode', 'jobtitle', 'occupation']],
  ['fte', ['fte', 'totalfte', 'contractedwte', 'wte', 'fulltimeequivalent', 'ftestaffinpost', 'inpostfte', 'staffinpostfte']],
  ['headcount', ['headcount', 'heads', 'staffinpostheadcount']],
  ['establishment', ['establishment', 'establishmentfte', 'budgetedfte', 'ftebudget', 'budgetfte', 'funded establishment']],
  ['hours', ['contractedhours', 'conthours', 'avghours', 'hours', 'weeklyhours']],
  ['age_band', ['ageband', 'agegroup', 'age']],
  ['date_of_birth', ['dateofbirth', 'dob', 'birthdate']],
  ['period', ['date', 'month', 'period', 'censusdate', 'censusmonth', 'asat', 'effectivedate']],
  ['measure', ['datatype', 'measure', 'metric', 'unit']],
  ['value', ['total', 'value', 'amount', 'count', 'number', 'intake', 'intakes', 'starters', 'heads', 'deltafte', 'fteChange'.toLowerCase(), 'change', 'changefte']],
  ['year', ['year', 'financialyear', 'fy', 'censusyear', 'intakeyear', 'academicyear']],
  ['pipeline', ['pipeline', 'programme', 'program', 'course', 'pipelinename']],
  ['joiner_kind', ['kind', 'joinerkind', 'route', 'source', 'joinertype']],
  ['description', ['description', 'note', 'notes', 'reason', 'comment']],
];

/** Columns whose values identify a person: dropped unread, never stored, never quoted. */
const PERSONAL = [
  'name', 'firstname', 'forename', 'forenames', 'surname', 'lastname', 'familyname', 'fullname', 'employeename', 'staffname', 'title',
  'ninumber', 'nino', 'nationalinsurance', 'nationalinsurancenumber', 'ni', 'nhsnumber', 'nhsno',
  'email', 'emailaddress', 'workemail', 'mail',
  'assignmentnumber', 'assignmentno', 'employeenumber', 'employeeno', 'staffid', 'staffnumber', 'personid', 'personnumber', 'payrollnumber',
  'uniqueidentifier', 'uniqueworkerid', 'chguniquewrkid', 'employeelocalidentifier', 'employeenhsidentifier', 'localidentifier', 'displayid',
  'postcode', 'address', 'addressline1', 'phone', 'telephone', 'mobile', 'gender', 'sex', 'ethnicity', 'ethnicorigin', 'religion', 'sexualorientation', 'disability', 'disabled',
];
const PERSONAL_PARTS = /(^|[^a-z])(name|email|e-mail|ni number|national insurance|nhs number|date of birth|dob|assignment|employee number|postcode)([^a-z]|$)/i;

export function isPersonalHeader(header: string): boolean {
  const n = normaliseHeader(header);
  if (PERSONAL.includes(n)) return true;
  if (['orgname', 'organisationname', 'organizationname', 'pcnname', 'trustname', 'subicbname', 'icbname', 'icsname', 'commregionname', 'nhseregionname', 'regionname', 'pipelinename', 'staffgroupname', 'areaofworkname', 'rolename', 'jobrolename'].includes(n)) return false;
  if (n.endsWith('name') && /(org|trust|icb|ics|region|pcn|group|role|area|site|ward|department|directorate|pipeline|programme|course)/.test(n)) return false;
  return PERSONAL_PARTS.test(header);
}

/** The financial year a header names: "2019/20", "2019-20", "2019/2020", "FY2019", "2019" → 2019. */
export function yearFromHeader(text: string): number | null {
  const t = text.trim();
  const m = /^(?:fy\s*)?(\d{4})(?:\s*[/\-–]\s*(\d{2}|\d{4}))?$/i.exec(t);
  if (!m) return null;
  const y = Number(m[1]);
  if (y < 1990 || y > 2100) return null;
  if (m[2]) {
    const next = m[2].length === 2 ? Math.floor(y / 100) * 100 + Number(m[2]) : Number(m[2]);
    if (next !== y + 1 && !(m[2].length === 2 && Number(m[2]) === (y + 1) % 100)) return null;
  }
  return y;
}

export function proposeField(header: string, knownStaffGroups: Set<string>): { field: FieldKey; year?: number; staffGroup?: string } {
  if (header.trim() === '') return { field: 'ignore' };
  if (normaliseHeader(header) === '__proto__' || ['constructor', 'prototype', 'proto'].includes(normaliseHeader(header))) return { field: 'ignore' };
  const y = yearFromHeader(header);
  if (y !== null) return { field: 'value', year: y };
  if (isPersonalHeader(header)) return { field: /date\s*of\s*birth|^dob$|birth\s*date/i.test(header.trim()) ? 'date_of_birth' : 'personal' };
  const n = normaliseHeader(header);
  for (const [field, names] of SYNONYMS) if (names.includes(n)) return { field };
  // The lower line of a two-row header: "EU Nurses & health visitors" → its last words.
  for (const sg of knownStaffGroups) if (n === normaliseHeader(sg) || n.endsWith(normaliseHeader(sg))) return { field: 'value', staffGroup: sg };
  if (n.includes('fte') || n.includes('wte')) return { field: 'fte' };
  if (n.includes('headcount')) return { field: 'headcount' };
  return { field: 'ignore' };
}

function isText(v: CellValue): v is string {
  return typeof v === 'string' && v.trim() !== '' && !/^[-+]?[\d,.]+%?$/.test(v.trim());
}

function nonEmpty(row: CellValue[]): number {
  let n = 0;
  for (const v of row) if (v !== null && v !== '' && !(typeof v === 'string' && v.trim() === '')) n++;
  return n;
}

/** The 0-based index of the header row among `rows`, or -1 when no row looks like one. */
export function findHeaderRow(rows: CellValue[][], knownStaffGroups: Set<string>): number {
  let best = -1;
  let bestScore = 0;
  const widest = Math.max(0, ...rows.slice(0, 40).map(nonEmpty));
  for (let i = 0; i < Math.min(rows.length, 40); i++) {
    const row = rows[i] ?? [];
    const filled = nonEmpty(row);
    if (filled < 2 && widest >= 2) continue;
    let texts = 0;
    let known = 0;
    for (const v of row) {
      if (!isText(v) && !(typeof v === 'number' && v >= 1990 && v <= 2100)) continue;
      texts++;
      const p = proposeField(String(v), knownStaffGroups);
      if (p.field !== 'ignore') known++;
    }
    // Most known headings wins; a row of text as wide as the table beats a title row.
    const score = known * 10 + texts * 2 + (filled >= widest * 0.6 ? 5 : 0) - (texts < filled * 0.6 ? 8 : 0);
    if (score > bestScore) {
      bestScore = score;
      best = i;
    }
  }
  return best;
}

/**
 * The headers under the header row at `index`: when the row above it is a group row (a
 * cross-tab's "EU" over "All staff"), the two are joined, the group filled across the columns
 * a merged cell spans.
 */
export function buildHeaders(rows: CellValue[][], index: number, width: number): { headers: string[]; headerRows: number } {
  const lower = rows[index] ?? [];
  const upper = index > 0 ? (rows[index - 1] ?? []) : [];
  const upperFilled = nonEmpty(upper);
  const lowerFilled = nonEmpty(lower);
  const twoRows = upperFilled >= 1 && upperFilled < lowerFilled && upper.some((v, i) => isText(v) && i > 0) && upper.every((v) => v === null || isText(v));
  const headers: string[] = [];
  let group = '';
  for (let c = 0; c < width; c++) {
    const low = lower[c] === null || lower[c] === undefined ? '' : String(lower[c]).trim();
    if (twoRows) {
      const up = upper[c];
      if (up !== null && up !== undefined && String(up).trim() !== '') group = String(up).trim().replace(/\d+$/, '');
      headers.push(group && low ? `${group} ${low}` : low || group);
    } else headers.push(low);
  }
  return { headers, headerRows: twoRows ? 2 : 1 };
}

export function describeColumns(headers: string[], knownStaffGroups: Set<string>): ColumnInfo[] {
  const seen = new Set<FieldKey>();
  return headers.map((header, index) => {
    const p = proposeField(header, knownStaffGroups);
    // The second column that looks like "FTE" is probably a variant (e.g. "Contracted WTE"): ignore it.
    const single = !['value', 'personal', 'ignore', 'date_of_birth'].includes(p.field);
    const field = single && seen.has(p.field) ? 'ignore' : p.field;
    if (single) seen.add(p.field);
    return { index, letter: columnLetter(index), header, field, ...(p.year !== undefined ? { year: p.year } : {}), ...(p.staffGroup !== undefined ? { staffGroup: p.staffGroup } : {}) };
  });
}

/** Refuses headers that could pollute prototypes if a careless consumer used them as keys. */
export function dangerousHeader(headers: string[]): string | null {
  for (const h of headers) {
    const t = h.trim().toLowerCase();
    if (t === '__proto__' || t === 'constructor' || t === 'prototype') return h.trim();
  }
  return null;
}
