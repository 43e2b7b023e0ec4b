/**
 * Finding the header row and proposing what each column holds, from the real headings in
 * ../shared/esr-columns.md §5. Matching ignores case, spaces, underscores, punctuation and
 * footnote digits ("European Union1").
 */
import { FIELD_LABELS, type CellValue, type ColumnInfo, type Confidence, type FieldKey } from '../../../shared/api/channels/import';
import { columnLetter } from './limits';
import { isOdsCode, isOrgName, measureOfHeading } from './vocabulary';

export function normaliseHeader(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\s_\-./()&:,'’]+/g, '')
    .replace(/\d+$/, (d) => (d.length <= 2 ? '' : d));
}

/** Headings, normalised, for each field. */
const SYNONYMS: [FieldKey, string[]][] = [
  [
    'org_code',
    [
      'orgcode',
      'organisationcode',
      'organizationcode',
      'pcncode',
      'orgl',
      'orgl3',
      'orgl4',
      'orgl5',
      'orgl6',
      'orgl7',
      'orgl8',
      'trustcode',
      'odscode',
      'employercode',
      'code',
    ],
  ],
  ['org_name', ['orgname', 'organisationname', 'organizationname', 'organisation', 'organization', 'trust', 'employer', 'trustname', 'pcnname']],
  ['staff_group', ['staffgroup', 'esrstaffgroup', 'mainstaffgroup']],
  ['job_role', ['jobrole', 'staffrole', 'detailedstaffrole', 'mainjobrole', 'positiontitle', 'role', 'rolecode', 'jobtitle', 'occupation']],
  ['fte', ['fte', 'totalfte', 'contractedwte', 'wte', 'fulltimeequivalent', 'ftestaffinpost', 'inpostfte', 'staffinpostfte']],
  ['headcount', ['headcount', 'heads', 'staffinpostheadcount']],
  ['establishment', ['establishment', 'establishmentfte', 'budgetedfte', 'ftebudget', 'budgetfte', 'fundedestablishment']],
  ['hours', ['contractedhours', 'conthours', 'avghours', 'hours', 'weeklyhours']],
  ['age_band', ['ageband', 'agegroup', 'age']],
  ['date_of_birth', ['dateofbirth', 'dob', 'birthdate']],
  ['period', ['date', 'month', 'period', 'censusdate', 'censusmonth', 'asat', 'effectivedate']],
  ['measure', ['datatype', 'measure', 'metric', 'unit']],
  [
    'value',
    ['total', 'value', 'amount', 'count', 'number', 'intake', 'intakes', 'starters', 'heads', 'deltafte', 'fteChange'.toLowerCase(), 'change', 'changefte'],
  ],
  ['year', ['year', 'financialyear', 'fy', 'censusyear', 'intakeyear', 'academicyear']],
  ['pipeline', ['pipeline', 'programme', 'program', 'course', 'pipelinename']],
  ['joiner_kind', ['kind', 'joinerkind', 'route', 'source', 'joinertype']],
  ['description', ['description', 'note', 'notes', 'reason', 'comment']],
];

/** Columns whose values identify a person: dropped unread, never stored, never quoted. */
const PERSONAL = [
  'name',
  'firstname',
  'forename',
  'forenames',
  'surname',
  'lastname',
  'familyname',
  'fullname',
  'employeename',
  'staffname',
  'title',
  'ninumber',
  'nino',
  'nationalinsurance',
  'nationalinsurancenumber',
  'ni',
  'nhsnumber',
  'nhsno',
  'email',
  'emailaddress',
  'workemail',
  'mail',
  'assignmentnumber',
  'assignmentno',
  'employeenumber',
  'employeeno',
  'staffid',
  'staffnumber',
  'personid',
  'personnumber',
  'payrollnumber',
  'uniqueidentifier',
  'uniqueworkerid',
  'chguniquewrkid',
  'employeelocalidentifier',
  'employeenhsidentifier',
  'localidentifier',
  'displayid',
  'postcode',
  'address',
  'addressline1',
  'phone',
  'telephone',
  'mobile',
  'gender',
  'sex',
  'ethnicity',
  'ethnicorigin',
  'religion',
  'sexualorientation',
  'disability',
  'disabled',
];
const PERSONAL_PARTS = /(^|[^a-z])(name|email|e-mail|ni number|national insurance|nhs number|date of birth|dob|assignment|employee number|postcode)([^a-z]|$)/i;

export function isPersonalHeader(header: string): boolean {
  const n = normaliseHeader(header);
  if (PERSONAL.includes(n)) return true;
  if (
    [
      'orgname',
      'organisationname',
      'organizationname',
      'pcnname',
      'trustname',
      'subicbname',
      'icbname',
      'icsname',
      'commregionname',
      'nhseregionname',
      'regionname',
      'pipelinename',
      'staffgroupname',
      'areaofworkname',
      'rolename',
      'jobrolename',
    ].includes(n)
  )
    return false;
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

/** How sure a proposal is, and why: shown beside each column on the Columns step. */
export interface Proposal {
  field: FieldKey;
  year?: number;
  staffGroup?: string;
  confidence: Confidence;
  reason: string;
}

/** Headings that match a field's synonym but are too general to be sure of. */
const GENERAL = new Set([
  'code',
  'organisation',
  'organization',
  'trust',
  'employer',
  'role',
  'date',
  'unit',
  'source',
  'kind',
  'route',
  'total',
  'value',
  'count',
  'number',
  'change',
  'age',
  'amount',
  'heads',
]);

export function proposeField(header: string, knownStaffGroups: Set<string>): Proposal {
  if (header.trim() === '') return { field: 'ignore', confidence: 'unsure', reason: 'no heading' };
  const n = normaliseHeader(header);
  if (n === '__proto__' || ['constructor', 'prototype', 'proto'].includes(n))
    return { field: 'ignore', confidence: 'sure', reason: 'a name the importer never reads' };
  const y = yearFromHeader(header);
  if (y !== null) return { field: 'value', year: y, confidence: 'sure', reason: 'the heading is a year' };
  if (isPersonalHeader(header)) {
    return /date\s*of\s*birth|^dob$|birth\s*date/i.test(header.trim())
      ? { field: 'date_of_birth', confidence: 'sure', reason: 'read only to work out an age band' }
      : { field: 'personal', confidence: 'sure', reason: 'identifies a person: dropped unread' };
  }
  for (const [field, names] of SYNONYMS) {
    if (names.includes(n)) {
      return GENERAL.has(n)
        ? {
            field,
            confidence: 'likely',
            reason: `a column headed "${header.trim()}" usually holds ${field === 'value' ? 'the figures' : `the ${FIELD_LABELS[field].toLowerCase()}`}`,
          }
        : { field, confidence: 'sure', reason: 'the heading names it' };
    }
  }
  // The lower line of a two-row header: "EU Nurses & health visitors" → its last words.
  for (const sg of knownStaffGroups) {
    const g = normaliseHeader(sg);
    if (n === g) return { field: 'value', staffGroup: sg, confidence: 'sure', reason: 'a staff group the plan knows' };
    if (n.endsWith(g)) return { field: 'value', staffGroup: sg, confidence: 'likely', reason: `ends with the staff group "${sg}"` };
  }
  const m = measureOfHeading(header);
  if (m === 'other') return { field: 'ignore', confidence: 'sure', reason: 'measures something other than staff in post' };
  if (m !== null) {
    if (m.confidence === 'sure') return { field: m.measure, confidence: 'sure', reason: `the heading names ${m.measure === 'fte' ? 'FTE' : m.measure}` };
    return {
      field: 'ask',
      confidence: 'unsure',
      reason: `mentions ${m.measure === 'fte' ? 'FTE' : m.measure} beside "${m.others.join(' ')}": say whether it is staff ${m.measure === 'fte' ? 'FTE' : m.measure}`,
    };
  }
  return { field: 'ignore', confidence: 'sure', reason: 'not a heading the importer knows' };
}

/** What a column with no heading holds, from its values: ODS codes, or organisation names. */
export function proposeFromValues(values: CellValue[]): Proposal | null {
  // Footnotes and titles below the table are not the column's values.
  const texts = values
    .filter((v): v is string => typeof v === 'string')
    .map((v) => v.trim())
    .filter((t) => t !== '' && t.length <= 100 && !/^(\d+\.|source:|note)/i.test(t));
  if (texts.length === 0) return null;
  const codes = [...new Set(texts.filter(isOdsCode))];
  const short = texts.filter((t) => t.length <= 12).length;
  if (codes.length > 0 && codes.length >= short * 0.6)
    return { field: 'org_code', confidence: 'likely', reason: `no heading; its values look like organisation codes (${codes.slice(0, 3).join(', ')})` };
  const names = [...new Set(texts.filter(isOrgName))];
  if (names.length >= 2 && names.length >= texts.length * 0.4)
    return { field: 'org_name', confidence: 'likely', reason: 'no heading; its values look like organisation names' };
  return null;
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
 * True when a row that was taken for the headings is really data: nothing in it is a heading
 * the importer knows, and some of it looks like values (numbers, organisation codes or names,
 * dates). A headerless file is then offered column by column, never with a data row as headings.
 */
export function looksLikeData(row: CellValue[], knownStaffGroups: Set<string>): boolean {
  let filled = 0;
  let data = 0;
  for (const v of row) {
    if (v === null || v === '' || (typeof v === 'string' && v.trim() === '')) continue;
    filled++;
    if (typeof v === 'number') {
      if (!(Number.isInteger(v) && v >= 1990 && v <= 2100)) data++;
      continue;
    }
    if (typeof v === 'boolean') {
      data++;
      continue;
    }
    const t = v.trim();
    if (proposeField(t, knownStaffGroups).field !== 'ignore') return false;
    if (/^[-+]?\d[\d,.]*$/.test(t) || isOdsCode(t) || isOrgName(t) || /^\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}$/.test(t)) data++;
  }
  return filled > 0 && data >= Math.max(1, filled * 0.3);
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

export function describeColumns(headers: string[], knownStaffGroups: Set<string>, dataRows: CellValue[][] = []): ColumnInfo[] {
  const seen = new Set<FieldKey>();
  const columns = headers.map((header, index): ColumnInfo => {
    let p = proposeField(header, knownStaffGroups);
    if (header.trim() === '') p = proposeFromValues(dataRows.map((r) => r[index] ?? null)) ?? p;
    // A second column that names a field already taken (e.g. "Contracted WTE" after "FTE") is a question, not a second FTE.
    const single = !['value', 'personal', 'ignore', 'date_of_birth', 'ask'].includes(p.field);
    if (single && seen.has(p.field))
      p = {
        field: 'ask',
        confidence: 'unsure',
        reason: `another column already holds ${p.field === 'fte' ? 'FTE' : p.field.replace(/_/g, ' ')}: say which to use`,
      };
    if (single) seen.add(p.field);
    return {
      index,
      letter: columnLetter(index),
      header,
      field: p.field,
      confidence: p.confidence,
      reason: p.reason,
      ...(p.year !== undefined ? { year: p.year } : {}),
      ...(p.staffGroup !== undefined ? { staffGroup: p.staffGroup } : {}),
    };
  });
  // Two columns of one staff group (a cross-tab's "European Union" and "All nationalities"):
  // the one under an "All …" or "Total" group holds all of it; without one, the rest are questions.
  const byGroup = new Map<string, ColumnInfo[]>();
  for (const c of columns) if (c.field === 'value' && c.staffGroup !== undefined) byGroup.set(c.staffGroup, [...(byGroup.get(c.staffGroup) ?? []), c]);
  for (const same of byGroup.values()) {
    if (same.length < 2) continue;
    const whole = same.find((c) => /^(all|total)\b/i.test(c.header.trim()) && normaliseHeader(c.header) !== normaliseHeader(c.staffGroup!));
    const keep = whole ?? same[0]!;
    for (const c of same) {
      if (c === keep) continue;
      columns[c.index] = {
        index: c.index,
        letter: c.letter,
        header: c.header,
        ...(whole
          ? { field: 'ignore', confidence: 'likely', reason: `part of column ${keep.letter} ("${keep.header}"), which holds all of the staff group` }
          : { field: 'ask', confidence: 'unsure', reason: `is the same staff group as column ${keep.letter} ("${keep.header}"): say which to use` }),
      };
    }
  }
  return columns;
}

/** Refuses headers that could pollute prototypes if a careless consumer used them as keys. */
export function dangerousHeader(headers: string[]): string | null {
  for (const h of headers) {
    const t = h.trim().toLowerCase();
    if (t === '__proto__' || t === 'constructor' || t === 'prototype') return h.trim();
  }
  return null;
}
