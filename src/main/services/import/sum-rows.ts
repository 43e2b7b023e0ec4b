/**
 * Subtotals by sum (inside the worker): a row whose figures equal the sums of the rows above it
 * (since the last break, or since its organisation began) is a subtotal. Only where two or more
 * figures must agree: one column of a staff list would match by chance.
 */
import type { CellValue } from '../../../shared/api/channels/import';
import { parseNumberText } from '../../../shared/numbers';
import { isBlank, PLAIN_NUMBER, text } from './cells';

interface Run {
  rows: number;
  first: number;
  sums: Float64Array;
}

export class SumRows {
  private readonly vec: Float64Array;
  private readonly run: Run;
  private readonly orgRun: Run & { org: string };

  /** `columns`: the numeric columns whose figures are summed. */
  constructor(private readonly columns: number[]) {
    this.vec = new Float64Array(columns.length);
    this.run = { rows: 0, first: 0, sums: new Float64Array(columns.length) };
    this.orgRun = { rows: 0, first: 0, sums: new Float64Array(columns.length), org: '' };
  }

  /** A break: a blank, total or skipped row starts the runs again. */
  reset(): void {
    this.run.rows = 0;
    this.run.sums.fill(0);
    this.orgRun.rows = 0;
    this.orgRun.sums.fill(0);
  }

  /**
   * The first row of the run this row sums (the runs start again), or null: then the row is
   * added into the runs.
   */
  sumOf(row: CellValue[], org: string, rowNumber: number): number | null {
    const nonZero = this.read(row);
    if (this.orgRun.org !== org) {
      this.orgRun.org = org;
      this.orgRun.rows = 0;
      this.orgRun.sums.fill(0);
    }
    if (nonZero >= 2) {
      const whole = this.run.rows >= 2 && this.equals(this.run.sums) ? this.run : this.orgRun.rows >= 2 && this.equals(this.orgRun.sums) ? this.orgRun : null;
      if (whole) {
        const first = whole.first;
        this.reset();
        return first;
      }
    }
    this.add(this.run, rowNumber);
    this.add(this.orgRun, rowNumber);
    return null;
  }

  private read(row: CellValue[]): number {
    let nonZero = 0;
    for (let i = 0; i < this.columns.length; i++) {
      const v = row[this.columns[i]!];
      let n = NaN;
      if (typeof v === 'number') n = v;
      else if (typeof v === 'string' && PLAIN_NUMBER.test(text(v))) n = Number(text(v));
      else if (typeof v === 'string' && !isBlank(v)) {
        const p = parseNumberText(text(v));
        if (p.ok && p.value !== null) n = p.value;
      }
      this.vec[i] = n;
      if (n === n && n !== 0) nonZero++;
    }
    return nonZero;
  }

  private equals(sums: Float64Array): boolean {
    for (let i = 0; i < this.columns.length; i++) {
      const v = this.vec[i]!;
      const s = sums[i]!;
      if (v !== v) {
        if (s !== 0) return false;
      } else if (Math.abs(v - s) > 1e-6 * Math.max(1, Math.abs(s))) return false;
    }
    return true;
  }

  private add(r: Run, rowNumber: number): void {
    if (r.rows === 0) r.first = rowNumber;
    r.rows++;
    for (let i = 0; i < this.columns.length; i++) {
      const v = this.vec[i]!;
      if (v === v) r.sums[i]! += v;
    }
  }
}
