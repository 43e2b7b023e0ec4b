/**
 * Formatting shared by the renderer, exports and messages: one place for how the planners'
 * numbers are written (FTE to one decimal, £ with thousands, financial years as 2024/25).
 */

/** 2019 → "2019/20"; 1999 → "1999/00". */
export function yearLabel(year: number): string {
  return `${year}/${String((year + 1) % 100).padStart(2, '0')}`;
}

/** "2019/20" → 2019; null for anything else (including a mismatched "2019/22"). */
export function parseYearLabel(label: string): number | null {
  const m = /^\s*(\d{4})\s*[/-]\s*(\d{2})\s*$/.exec(label);
  if (!m) return null;
  const y = Number(m[1]);
  return (y + 1) % 100 === Number(m[2]) ? y : null;
}

const fte1 = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const whole = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
const money = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP', maximumFractionDigits: 0 });
const pct1 = new Intl.NumberFormat('en-GB', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** Rounds away −0 so a shortfall of −0.0 never shows a minus sign. */
const noNegZero = (v: number): number => (Object.is(v, -0) || Math.abs(v) < 0.05 ? Math.abs(v) : v);

export const formatFte = (v: number): string => fte1.format(noNegZero(v));
export const formatHeads = (v: number): string => whole.format(v);
export const formatMoney = (v: number): string => money.format(v);
export const formatPercent = (v: number): string => pct1.format(v);

const short1 = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/**
 * £78.7bn / £1.2m / £340k style for summaries (the exact value goes in a tooltip). A value that
 * would round up to 1,000 of a unit is written in the next one (£1.0bn, never £1000.0m).
 */
export function formatMoneyShort(v: number): string {
  const a = Math.abs(v);
  const sign = v < 0 ? '−' : '';
  if (a >= 999.95e6) return `${sign}£${short1.format(a / 1e9)}bn`;
  if (a >= 999.5e3) return `${sign}£${short1.format(a / 1e6)}m`;
  if (a >= 1e3) return `${sign}£${Math.round(a / 1e3)}k`;
  return `${sign}£${Math.round(a)}`;
}

const dateTimeSeconds = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});
const dateTimeMedium = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
const dateTimeLong = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/London' });

/** A moment to the second in the machine's time zone, for audit trails and backups: "3 Mar 2026, 14:05:09". */
export const formatDateTimeSeconds = (at: string | number | Date): string => dateTimeSeconds.format(new Date(at));

/** A moment to the minute in the machine's time zone, for lists of past imports: "3 Mar 2026, 14:05". */
export const formatDateTime = (at: string | number | Date): string => dateTimeMedium.format(new Date(at));

/** When a board document was made, in UK time whatever the machine's zone: "3 March 2026 at 14:05". */
export const formatMadeOn = (at: string | number | Date): string => dateTimeLong.format(new Date(at));

/**
 * A name made safe as a file name on Windows, macOS and Linux: characters those systems refuse
 * (< > : " / \ | ? * and controls) become spaces, runs of white space one space, at most 100
 * characters; an empty result becomes `fallback`.
 */
export function safeFileName(name: string, fallback = 'export'): string {
  return (
    name
      // eslint-disable-next-line no-control-regex -- control characters are what this removes
      .replace(/[<>:"/\\|?*\u0000-\u001F]/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 100) || fallback
  );
}
