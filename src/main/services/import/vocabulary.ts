/**
 * The words the importer reads headings, titles and key cells by. A heading is matched by its
 * whole words, never by a fragment: "FTE" and "Contracted WTE" are staff FTE, "FTE_DAYS_LOST"
 * is not. Used by the worker (proposing columns, spotting subtotal rows) and by main (refusing
 * files that are not staff in post). Pure functions.
 */

/** "FTE_DAYS_LOST" → fte days lost; "TotalFTE" → total fte; "Sickness FTE %" → sickness fte percent. */
export function headingWords(text: string): string[] {
  const spaced = text
    .replace(/%/g, ' percent ')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/([A-Za-z])(\d)/g, '$1 $2')
    .toLowerCase();
  return spaced.split(/[^a-z0-9£]+/).filter((w) => w !== '');
}

const has = (words: string[], ...seq: string[]) => {
  for (let i = 0; i + seq.length <= words.length; i++) if (seq.every((s, j) => words[i + j] === s)) return true;
  return false;
};

export type MeasureWord = 'fte' | 'headcount' | 'establishment';

/** Words that may stand beside FTE or headcount in a heading that still means staff in post. */
const STAFF_WORDS = new Set([
  'total',
  'contracted',
  'staff',
  'in',
  'post',
  'sip',
  'actual',
  'all',
  'of',
  'the',
  'number',
  'no',
  'fte',
  'wte',
  'full',
  'whole',
  'time',
  'equivalent',
  'equiv',
  'current',
  'headcount',
  'head',
  'count',
  'heads',
  'people',
  'persons',
  'employees',
  'workforce',
  'and',
]);
/** Words that say a column measures something other than staff in post. */
const OTHER_WORDS = new Set([
  'days',
  'day',
  'lost',
  'available',
  'sickness',
  'sick',
  'absence',
  'absent',
  'rate',
  'rates',
  'percent',
  'pct',
  'turnover',
  'leavers',
  'leaver',
  'leaving',
  'joiners',
  'joiner',
  'starters',
  'vacancy',
  'vacancies',
  'vacant',
  'pay',
  'cost',
  'costs',
  'salary',
  'earnings',
  'spend',
  'change',
  'delta',
  'difference',
  'growth',
  'bank',
  'agency',
  'overtime',
  'hours',
  'ratio',
  'per',
  'average',
  'mean',
  'median',
]);
const ESTABLISHMENT_WORDS = new Set(['establishment', 'budget', 'budgeted', 'funded', 'plan', 'planned']);

export interface MeasureMatch {
  measure: MeasureWord;
  /** sure: the heading names the measure in the vocabulary; unsure: it mentions it among words the importer does not know. */
  confidence: 'sure' | 'unsure';
  /** The words beside the measure that made it unsure, or that make it something else. */
  others: string[];
}

/**
 * What a heading says it measures, by whole words: staff FTE, headcount or establishment;
 * `null` when it names none, or names one as part of something else (days lost, a rate, pay).
 */
export function measureOfHeading(text: string): MeasureMatch | null | 'other' {
  const w = headingWords(text);
  const fte = w.includes('fte') || w.includes('wte') || has(w, 'full', 'time', 'equivalent') || has(w, 'whole', 'time', 'equivalent');
  const head =
    w.includes('headcount') ||
    has(w, 'head', 'count') ||
    (w.length === 1 && w[0] === 'heads') ||
    ((w.includes('number') || w.includes('no') || w.includes('count') || w.includes('numbers')) &&
      (w.includes('staff') || w.includes('people') || w.includes('persons') || w.includes('employees')));
  if (!fte && !head) return null;
  const others = w.filter((x) => !STAFF_WORDS.has(x) && !/^\d+$/.test(x));
  if (others.some((x) => OTHER_WORDS.has(x))) return 'other';
  if (fte && others.some((x) => ESTABLISHMENT_WORDS.has(x))) {
    const rest = others.filter((x) => !ESTABLISHMENT_WORDS.has(x));
    return { measure: 'establishment', confidence: rest.length === 0 ? 'sure' : 'unsure', others: rest };
  }
  if (fte && head) return { measure: 'fte', confidence: 'unsure', others: ['headcount'] };
  return { measure: fte ? 'fte' : 'headcount', confidence: others.length === 0 ? 'sure' : 'unsure', others };
}

/** The measure a sheet's title rows state for its figures ("… Full Time Equivalent", "Headcount"), or null. */
export function measureOfTitle(texts: string[]): { measure: 'fte' | 'headcount'; text: string } | 'both' | null {
  let found: { measure: 'fte' | 'headcount'; text: string } | null = null;
  for (const t of texts) {
    const w = headingWords(t);
    const fte = w.includes('fte') || w.includes('wte') || has(w, 'full', 'time', 'equivalent') || has(w, 'whole', 'time', 'equivalent');
    const head =
      w.includes('headcount') ||
      has(w, 'head', 'count') ||
      has(w, 'number', 'of', 'staff') ||
      has(w, 'staff', 'numbers') ||
      has(w, 'count', 'of', 'staff') ||
      has(w, 'number', 'of', 'people');
    if (fte && head) return 'both';
    const m = fte ? 'fte' : head ? 'headcount' : null;
    if (m === null) continue;
    if (found && found.measure !== m) return 'both';
    found ??= { measure: m, text: t.trim() };
  }
  return found;
}

export interface NotStaffInPost {
  /** "sickness absence data (days lost)" */
  what: string;
  /** The headings or title that gave it away. */
  evidence: string[];
}

const NOT_STAFF: { what: string; test: (w: string[]) => boolean; forJoiners: boolean }[] = [
  {
    what: 'sickness absence data (days lost)',
    test: (w) => has(w, 'days', 'lost') || has(w, 'days', 'available') || w.includes('sickness') || has(w, 'absence', 'rate'),
    forJoiners: true,
  },
  {
    what: 'activity data (attendances)',
    test: (w) =>
      ['attendances', 'attendance', 'admissions', 'appointments', 'referrals', 'episodes', 'discharges'].some((x) => w.includes(x)) || has(w, 'bed', 'days'),
    forJoiners: true,
  },
  {
    what: 'earnings data (pay)',
    test: (w) => ['earnings', 'salary', 'salaries'].some((x) => w.includes(x)) || has(w, 'basic', 'pay') || has(w, 'total', 'pay') || has(w, 'pay', 'per'),
    forJoiners: true,
  },
  {
    what: 'turnover data (leaver rates)',
    test: (w) => w.includes('turnover') || has(w, 'leaver', 'rate') || has(w, 'leavers', 'rate') || has(w, 'leaving', 'rate') || has(w, 'stability', 'index'),
    forJoiners: false,
  },
];

/**
 * Whether headings and titles say the file holds something other than staff in post. Files
 * that also have a column of staff FTE, headcount or hours are staff in post (an ESR list may
 * carry a salary column too).
 */
export function notStaffInPost(headings: string[], titles: string[], target: 'baseline' | 'intakes' | 'joiners' | 'demand'): NotStaffInPost | null {
  if (target === 'intakes') return null;
  const staffMeasure = headings.some((h) => {
    const m = measureOfHeading(h);
    if (m !== null && m !== 'other') return true;
    const w = headingWords(h);
    return w.length <= 3 && w.includes('hours') && (w.includes('contracted') || w.includes('weekly') || w.length === 1);
  });
  if (staffMeasure) return null;
  for (const kind of NOT_STAFF) {
    if (target === 'joiners' && !kind.forJoiners) continue;
    const evidence = [...headings, ...titles].filter((h) => h.trim() !== '' && kind.test(headingWords(h)));
    if (evidence.length > 0) return { what: kind.what, evidence: [...new Set(evidence.map((e) => e.trim()))].slice(0, 3) };
  }
  return null;
}

/**
 * A key cell that labels a total, by the whole cell: "Total", "Grand total", "Sub-total",
 * "All staff groups", "England". "Total Health Partnership PCN" is not one.
 */
export const TOTAL_LABEL =
  /^(?:(?:grand|sub)[\s-]*)?totals?\s*:?$|^all(?:\s+(?:organisations|organizations|trusts|providers|regions|roles|job roles|staff|staff groups|groups|areas|nationalities|ages|bands))?\s*:?$|^england(?:\s+total)?$|^national(?:\s+total)?$/i;

/** "RBD Total" when RBD is a value seen above: Excel's Subtotal and pivot tables write these. */
export function totalOfLabel(text: string): string | null {
  const m = /^(.+?)\s+(?:sub[\s-]*)?total:?$/i.exec(text);
  return m ? m[1]! : null;
}

/** ODS organisation codes: trusts (RBD, R0A, RYF), sites (RBD01), CCGs (11J), ICBs (QVV), regions (Y56), PCNs (U12345), practices (A12345). */
const ODS_CODE = /^(?:[RT][A-Z0-9]{2}(?:[A-Z0-9]{2})?|Q[A-Z0-9]{2}|Y\d{2}|\d{2}[A-Z]|[A-Z]\d{5})$/;
export const isOdsCode = (s: string): boolean => ODS_CODE.test(s.trim());

/** Organisation names as NHS files spell them: "… NHS Foundation Trust", "… CCG", "… PCN". */
const ORG_NAME =
  /\b(?:nhs (?:foundation )?trust|foundation trust|nhs trust|ccg|clinical commissioning group|integrated care board|icb|pcn|primary care network|council|ambulance service|health ?care|hospitals?|partnership)\b/i;
export const isOrgName = (s: string): boolean => ORG_NAME.test(s) && /[a-z]/.test(s);
