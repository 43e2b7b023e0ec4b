/**
 * The value of every formula in a workbook, worked out here and stored beside the formula, so
 * that e-mail and Teams previews, and any viewer that does not calculate, show the numbers.
 * Excel and LibreOffice recalculate on opening (the workbook asks them to); these cached values
 * are what the formulas give, evaluated the way Excel does for the functions the live model
 * uses: + − × ÷ ^ & and comparisons, IF, AND, OR, NOT, MIN, MAX, SUM, INT, ABS, POWER, SUMIFS,
 * COUNTIF, SUMPRODUCT (over ranges and comparisons of them), INDEX, MATCH, CHOOSE and NA. A
 * formula using anything else is refused, loudly.
 */
import ExcelJS from 'exceljs';
import { err, isError, parseFormula, type ErrorCode, type ErrorValue, type Node, type RangeRef, type Scalar } from './formula-parse';

/** A value as a number, Excel's way: empty is 0, TRUE is 1, text is #VALUE! (unless it reads as a number). */
function toNumber(v: Scalar): number | ErrorValue {
  if (v === null) return 0;
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (isError(v)) return v;
  const n = Number(v);
  return v.trim() !== '' && Number.isFinite(n) ? n : err('#VALUE!');
}

function toText(v: Scalar): string | ErrorValue {
  if (v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (isError(v)) return v;
  return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(15)));
}

function toBool(v: Scalar): boolean | ErrorValue {
  if (v === null) return false;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  if (isError(v)) return v;
  const u = v.toUpperCase();
  return u === 'TRUE' ? true : u === 'FALSE' ? false : err('#VALUE!');
}

const rank = (v: Scalar) => (typeof v === 'number' ? 0 : typeof v === 'string' ? 1 : 2);
const COMPARISONS = new Set(['=', '<>', '<', '>', '<=', '>=']);

/** Excel's ordering: numbers < text < logical values; text compared without case. */
function compare(a: Scalar, b: Scalar): number {
  // An empty cell takes the type of what it is compared with.
  if (a === null) a = typeof b === 'string' ? '' : typeof b === 'boolean' ? false : 0;
  if (b === null) b = typeof a === 'string' ? '' : typeof a === 'boolean' ? false : 0;
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  if (typeof a === 'number' && typeof b === 'number') return a === b ? 0 : a < b ? -1 : 1;
  if (typeof a === 'string' && typeof b === 'string') {
    if (a === b) return 0;
    const x = a.toLowerCase();
    const y = b.toLowerCase();
    return x === y ? 0 : x < y ? -1 : 1;
  }
  return Number(a) - Number(b);
}

/** A SUMIFS / COUNTIF criterion: a value to equal, or text such as ">5". */
function matcher(criterion: Scalar): (v: Scalar) => boolean {
  if (typeof criterion === 'string') {
    const m = /^(<=|>=|<>|<|>|=)(.*)$/.exec(criterion);
    if (m) {
      const n = Number(m[2]);
      const target: Scalar = m[2]!.trim() !== '' && Number.isFinite(n) ? n : m[2]!;
      const op = m[1];
      return (v) => {
        if (typeof target === 'number' && typeof v !== 'number') return op === '<>';
        const c = compare(v, target);
        return op === '<' ? c < 0 : op === '<=' ? c <= 0 : op === '>' ? c > 0 : op === '>=' ? c >= 0 : op === '<>' ? c !== 0 : c === 0;
      };
    }
    const n = Number(criterion);
    if (criterion.trim() !== '' && Number.isFinite(n)) return (v) => v === n || (typeof v === 'string' && Number(v) === n);
    const lower = criterion.toLowerCase();
    return (v) => typeof v === 'string' && v.toLowerCase() === lower;
  }
  return (v) => v !== null && !isError(v) && compare(v, criterion) === 0;
}

export interface FormulaValues {
  /** The value of a cell as the formulas compute it (constants as written). */
  valueOf(sheet: string, row: number, col: number): Scalar;
  /** How many formulas were evaluated. */
  count: number;
}

const key = (r: number, c: number) => r * 20_000 + c;

/**
 * Evaluates every formula in the workbook and stores each result beside its formula
 * (`{ formula, result }`). Throws on a circular reference or a formula it cannot read.
 */
export function fillCachedValues(wb: ExcelJS.Workbook): FormulaValues {
  const sheets = new Map<string, ExcelJS.Worksheet>();
  const formulas = new Map<string, Map<number, { cell: ExcelJS.Cell; formula: string; node?: Node; value?: Scalar; busy?: boolean }>>();
  const order: { sheet: string; r: number; c: number }[] = [];
  for (const ws of wb.worksheets) {
    sheets.set(ws.name, ws);
    const mine = new Map<number, { cell: ExcelJS.Cell; formula: string }>();
    formulas.set(ws.name, mine);
    ws.eachRow({ includeEmpty: false }, (row, r) =>
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        if (cell.type === ExcelJS.ValueType.Formula) {
          mine.set(key(r, c), { cell, formula: cell.formula });
          order.push({ sheet: ws.name, r, c });
        }
      }),
    );
  }

  const constant = (sheet: string, r: number, c: number): Scalar => {
    const ws = sheets.get(sheet);
    if (!ws) return err('#REF!');
    const v = ws.findCell(r, c)?.value;
    if (v === null || v === undefined) return null;
    if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
    if (typeof v === 'object' && 'richText' in v) return v.richText.map((t) => t.text).join('');
    if (typeof v === 'object' && 'error' in v) return err(v.error as ErrorCode);
    return err('#VALUE!');
  };

  const valueOf = (sheet: string, r: number, c: number): Scalar => {
    const f = formulas.get(sheet)?.get(key(r, c));
    if (!f) return constant(sheet, r, c);
    if (f.value !== undefined) return f.value;
    if (f.busy) throw new Error(`Circular reference at ${sheet}!${f.cell.address}: ${f.formula}`);
    f.busy = true;
    f.node ??= parseFormula(f.formula, sheet);
    const v = evaluate(f.node);
    f.busy = false;
    // A formula that refers to an empty cell shows 0, as in Excel.
    f.value = v === null ? 0 : v;
    return f.value;
  };

  /** The cells of a range, row by row. */
  const cellsOf = (ref: RangeRef): Scalar[] => {
    const out: Scalar[] = [];
    for (let r = ref.r1; r <= ref.r2; r++) for (let c = ref.c1; c <= ref.c2; c++) out.push(valueOf(ref.sheet, r, c));
    return out;
  };

  const scalar = (n: Node): Scalar => {
    if (n.k === 'range') {
      // A one-cell range is that cell; anything larger used as a value is an error.
      if (n.ref.r1 === n.ref.r2 && n.ref.c1 === n.ref.c2) return valueOf(n.ref.sheet, n.ref.r1, n.ref.c1);
      return err('#VALUE!');
    }
    return evaluate(n);
  };

  /** Numbers of an aggregate's arguments: ranges give their numbers only, direct values are converted. */
  const numbersOf = (args: Node[]): number[] | ErrorValue => {
    const out: number[] = [];
    for (const a of args) {
      if (a.k === 'range') {
        for (const v of cellsOf(a.ref)) {
          if (isError(v)) return v;
          if (typeof v === 'number') out.push(v);
        }
      } else {
        const n = toNumber(evaluate(a));
        if (isError(n)) return n;
        out.push(n);
      }
    }
    return out;
  };

  const rangeArg = (n: Node | undefined, fn: string): RangeRef => {
    if (n?.k === 'range') return n.ref;
    if (n?.k === 'ref') return { sheet: n.sheet, r1: n.r, c1: n.c, r2: n.r, c2: n.c };
    throw new Error(`${fn} needs a range.`);
  };

  const call = (name: string, args: Node[]): Scalar => {
    switch (name) {
      case 'IF': {
        const cond = toBool(scalar(args[0]!));
        if (isError(cond)) return cond;
        const pick = cond ? args[1] : args[2];
        return pick === undefined ? false : scalar(pick);
      }
      case 'AND':
      case 'OR': {
        let result = name === 'AND';
        for (const a of args) {
          const values = a.k === 'range' ? cellsOf(a.ref).filter((v) => typeof v === 'number' || typeof v === 'boolean' || isError(v)) : [scalar(a)];
          for (const v of values) {
            const b = toBool(v);
            if (isError(b)) return b;
            result = name === 'AND' ? result && b : result || b;
          }
        }
        return result;
      }
      case 'NOT': {
        const b = toBool(scalar(args[0]!));
        return isError(b) ? b : !b;
      }
      case 'MIN':
      case 'MAX':
      case 'SUM': {
        const xs = numbersOf(args);
        if (isError(xs)) return xs;
        if (name === 'SUM') return xs.reduce((s, x) => s + x, 0);
        if (xs.length === 0) return 0;
        return name === 'MIN' ? Math.min(...xs) : Math.max(...xs);
      }
      case 'INT':
      case 'ABS': {
        const x = toNumber(scalar(args[0]!));
        if (isError(x)) return x;
        return name === 'INT' ? Math.floor(x) : Math.abs(x);
      }
      case 'POWER': {
        const x = toNumber(scalar(args[0]!));
        const y = toNumber(scalar(args[1]!));
        if (isError(x)) return x;
        if (isError(y)) return y;
        const v = Math.pow(x, y);
        return Number.isFinite(v) ? v : err('#NUM!');
      }
      case 'NA':
        return err('#N/A');
      case 'CHOOSE': {
        const i = toNumber(scalar(args[0]!));
        if (isError(i)) return i;
        const pick = args[Math.trunc(i)];
        return i < 1 || !pick ? err('#VALUE!') : scalar(pick);
      }
      case 'SUMPRODUCT': {
        const arrays = args.map((a) => arrayOf(a));
        const len = Math.max(...arrays.map((a) => (Array.isArray(a) ? a.length : 1)));
        let total = 0;
        for (let i = 0; i < len; i++) {
          let product = 1;
          for (const a of arrays) {
            const v = Array.isArray(a) ? (a[i] ?? null) : a;
            if (isError(v)) return v;
            // Entries that are not numbers count as zero, as in Excel.
            product *= typeof v === 'number' ? v : 0;
          }
          total += product;
        }
        return total;
      }
      case 'SUMIFS': {
        const sum = cellsOf(rangeArg(args[0], name));
        const tests: { values: Scalar[]; ok: (v: Scalar) => boolean }[] = [];
        for (let k = 1; k + 1 < args.length; k += 2) {
          const crit = scalar(args[k + 1]!);
          if (isError(crit)) return crit;
          tests.push({ values: cellsOf(rangeArg(args[k], name)), ok: matcher(crit) });
        }
        let s = 0;
        for (let i = 0; i < sum.length; i++) {
          if (!tests.every((t) => t.ok(t.values[i] ?? null))) continue;
          const v = sum[i]!;
          if (isError(v)) return v;
          if (typeof v === 'number') s += v;
        }
        return s;
      }
      case 'COUNTIF': {
        const crit = scalar(args[1]!);
        if (isError(crit)) return crit;
        const ok = matcher(crit);
        return cellsOf(rangeArg(args[0], name)).filter((v) => ok(v)).length;
      }
      case 'INDEX': {
        const ref = rangeArg(args[0], name);
        const a = toNumber(scalar(args[1]!));
        const b = args[2] === undefined ? null : toNumber(scalar(args[2]));
        if (isError(a)) return a;
        if (b !== null && isError(b)) return b;
        let r: number;
        let c: number;
        if (b === null) {
          // One index into a single row or column.
          if (ref.r1 === ref.r2) [r, c] = [1, a];
          else [r, c] = [a, 1];
        } else [r, c] = [a, b];
        r = Math.trunc(r);
        c = Math.trunc(c);
        if (r < 1 || c < 1 || ref.r1 + r - 1 > ref.r2 || ref.c1 + c - 1 > ref.c2) return err('#REF!');
        return valueOf(ref.sheet, ref.r1 + r - 1, ref.c1 + c - 1);
      }
      case 'MATCH': {
        const x = scalar(args[0]!);
        if (isError(x)) return x;
        const mode = args[2] === undefined ? 1 : toNumber(scalar(args[2]));
        if (mode !== 0) throw new Error('Only exact MATCH (match type 0) is supported.');
        const values = cellsOf(rangeArg(args[1], name));
        const i = values.findIndex((v) => v !== null && !isError(v) && typeof v === typeof x && compare(v, x) === 0);
        return i < 0 ? err('#N/A') : i + 1;
      }
      default:
        throw new Error(`The function ${name} is not one the live model uses.`);
    }
  };

  const arith = (op: string, a: Scalar, b: Scalar): Scalar => {
    const x = toNumber(a);
    if (isError(x)) return x;
    const y = toNumber(b);
    if (isError(y)) return y;
    switch (op) {
      case '+':
        return x + y;
      case '-':
        return x - y;
      case '*':
        return x * y;
      case '/':
        return y === 0 ? err('#DIV/0!') : x / y;
      default: {
        const v = Math.pow(x, y);
        return Number.isFinite(v) ? v : err('#NUM!');
      }
    }
  };

  function evaluate(n: Node): Scalar {
    switch (n.k) {
      case 'num':
      case 'str':
      case 'bool':
        return n.v;
      case 'ref':
        return valueOf(n.sheet, n.r, n.c);
      case 'range':
        return scalar(n);
      case 'neg': {
        const x = toNumber(scalar(n.a));
        return isError(x) ? x : -x;
      }
      case 'pct': {
        const x = toNumber(scalar(n.a));
        return isError(x) ? x : x / 100;
      }
      case 'call':
        return call(n.name, n.args);
      case 'bin':
        return binary(n.op, scalar(n.a), scalar(n.b));
    }
  }

  function binary(op: string, a: Scalar, b: Scalar): Scalar {
    if (isError(a)) return a;
    if (isError(b)) return b;
    if (op === '&') {
      const x = toText(a);
      const y = toText(b);
      return isError(x) ? x : isError(y) ? y : x + y;
    }
    if (COMPARISONS.has(op)) {
      const c = compare(a, b);
      return op === '=' ? c === 0 : op === '<>' ? c !== 0 : op === '<' ? c < 0 : op === '>' ? c > 0 : op === '<=' ? c <= 0 : c >= 0;
    }
    return arith(op, a, b);
  }

  /** A SUMPRODUCT argument: a range gives its cells; operators apply cell by cell. */
  function arrayOf(n: Node): Scalar[] | Scalar {
    if (n.k === 'range') return cellsOf(n.ref);
    if (n.k === 'neg') {
      const a = arrayOf(n.a);
      const neg = (v: Scalar): Scalar => {
        const x = toNumber(v);
        return isError(x) ? x : -x;
      };
      return Array.isArray(a) ? a.map(neg) : neg(a);
    }
    if (n.k === 'bin') {
      const a = arrayOf(n.a);
      const b = arrayOf(n.b);
      if (!Array.isArray(a) && !Array.isArray(b)) return binary(n.op, a, b);
      const len = Array.isArray(a) ? a.length : (b as Scalar[]).length;
      if (Array.isArray(a) && Array.isArray(b) && a.length !== b.length) return err('#VALUE!');
      return Array.from({ length: len }, (_, i) => binary(n.op, Array.isArray(a) ? a[i]! : a, Array.isArray(b) ? b[i]! : b));
    }
    return evaluate(n);
  }

  // Earlier columns first: the model runs year by year across the columns, so a year's formulas
  // find the previous year's values already worked out and the recursion stays shallow.
  order.sort((a, b) => a.c - b.c || a.r - b.r);
  for (const o of order) valueOf(o.sheet, o.r, o.c);
  for (const [, cells] of formulas) {
    for (const f of cells.values()) {
      const v = f.value ?? 0;
      f.cell.value = { formula: f.formula, result: isError(v) ? { error: v.error } : v };
    }
  }
  return { valueOf, count: order.length };
}
