/**
 * Excel formulas as the live workbook writes them, read into a tree: numbers, text, booleans,
 * cell and range references (on this sheet or another), operators with Excel's precedence, and
 * function calls. formula-values.ts works out their values.
 */
export type ErrorCode = '#N/A' | '#DIV/0!' | '#VALUE!' | '#REF!' | '#NUM!';
export interface ErrorValue {
  error: ErrorCode;
}
/** A cell's value: null is an empty cell. */
export type Scalar = number | string | boolean | null | ErrorValue;

export interface RangeRef {
  sheet: string;
  r1: number;
  c1: number;
  r2: number;
  c2: number;
}

export type Node =
  | { k: 'num'; v: number }
  | { k: 'str'; v: string }
  | { k: 'bool'; v: boolean }
  | { k: 'ref'; sheet: string; r: number; c: number }
  | { k: 'range'; ref: RangeRef }
  | { k: 'neg'; a: Node }
  | { k: 'pct'; a: Node }
  | { k: 'bin'; op: string; a: Node; b: Node }
  | { k: 'call'; name: string; args: Node[] };

export const isError = (v: unknown): v is ErrorValue => typeof v === 'object' && v !== null && 'error' in v;
export const err = (error: ErrorCode): ErrorValue => ({ error });

export function colNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

// Sticky patterns, matched where the parser stands (no copying of the rest of the formula).
const CELL = /\$?([A-Z]{1,3})\$?(\d+)/y;
const NUMBER = /(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?/y;
const FUNCTION = /([A-Z][A-Z0-9.]*)\(/y;
const BOOLEAN = /(TRUE|FALSE)\b/y;
const SHEET = /([A-Za-z_][A-Za-z0-9_.]*)!/y;

/** A small recursive-descent parser for the formulas the live model writes. */
class Parser {
  private i = 0;
  constructor(
    private readonly src: string,
    private readonly sheet: string,
  ) {}

  parse(): Node {
    const n = this.comparison();
    this.space();
    if (this.i < this.src.length) throw this.fail('unexpected text');
    return n;
  }

  private fail(why: string): Error {
    return new Error(`Formula "${this.src}" on ${this.sheet}: ${why} at character ${this.i + 1}.`);
  }

  private space(): void {
    while (this.src[this.i] === ' ') this.i++;
  }

  private peek(s: string): boolean {
    this.space();
    return this.src.startsWith(s, this.i);
  }

  private eat(s: string): boolean {
    if (this.peek(s)) {
      this.i += s.length;
      return true;
    }
    return false;
  }

  private comparison(): Node {
    let a = this.concat();
    for (;;) {
      this.space();
      const c = this.src[this.i];
      if (c !== '=' && c !== '<' && c !== '>') return a;
      const two = this.src.slice(this.i, this.i + 2);
      const op = two === '<>' || two === '<=' || two === '>=' ? two : c;
      this.i += op.length;
      a = { k: 'bin', op, a, b: this.concat() };
    }
  }

  private concat(): Node {
    let a = this.additive();
    while (this.eat('&')) a = { k: 'bin', op: '&', a, b: this.additive() };
    return a;
  }

  private additive(): Node {
    let a = this.term();
    for (;;) {
      if (this.eat('+')) a = { k: 'bin', op: '+', a, b: this.term() };
      else if (this.eat('-')) a = { k: 'bin', op: '-', a, b: this.term() };
      else return a;
    }
  }

  private term(): Node {
    let a = this.power();
    for (;;) {
      if (this.eat('*')) a = { k: 'bin', op: '*', a, b: this.power() };
      else if (this.eat('/')) a = { k: 'bin', op: '/', a, b: this.power() };
      else return a;
    }
  }

  private power(): Node {
    let a = this.unary();
    while (this.eat('^')) a = { k: 'bin', op: '^', a, b: this.unary() };
    return a;
  }

  private unary(): Node {
    if (this.eat('-')) return { k: 'neg', a: this.unary() };
    if (this.eat('+')) return this.unary();
    let a = this.primary();
    while (this.eat('%')) a = { k: 'pct', a };
    return a;
  }

  private match(re: RegExp): RegExpExecArray | null {
    re.lastIndex = this.i;
    const m = re.exec(this.src);
    if (m) this.i += m[0].length;
    return m;
  }

  private cellAt(): { r: number; c: number } | null {
    const m = this.match(CELL);
    return m ? { r: Number(m[2]), c: colNumber(m[1]!) } : null;
  }

  private reference(sheet: string): Node {
    const a = this.cellAt();
    if (!a) throw this.fail('a cell reference was expected');
    if (this.src[this.i] === ':') {
      this.i++;
      const b = this.cellAt();
      if (!b) throw this.fail('a range was expected');
      return { k: 'range', ref: { sheet, r1: Math.min(a.r, b.r), c1: Math.min(a.c, b.c), r2: Math.max(a.r, b.r), c2: Math.max(a.c, b.c) } };
    }
    return { k: 'ref', sheet, r: a.r, c: a.c };
  }

  private primary(): Node {
    this.space();
    const ch = this.src[this.i];
    if (this.eat('(')) {
      const n = this.comparison();
      if (!this.eat(')')) throw this.fail('")" was expected');
      return n;
    }
    if (ch === '"') {
      let j = this.i + 1;
      let out = '';
      for (;;) {
        const q = this.src.indexOf('"', j);
        if (q < 0) throw this.fail('unterminated text');
        out += this.src.slice(j, q);
        if (this.src[q + 1] === '"') {
          out += '"';
          j = q + 2;
        } else {
          this.i = q + 1;
          return { k: 'str', v: out };
        }
      }
    }
    if (ch === "'") {
      let j = this.i + 1;
      let name = '';
      for (;;) {
        const q = this.src.indexOf("'", j);
        if (q < 0) throw this.fail('unterminated sheet name');
        name += this.src.slice(j, q);
        if (this.src[q + 1] === "'") {
          name += "'";
          j = q + 2;
        } else {
          this.i = q + 1;
          break;
        }
      }
      if (this.src[this.i] !== '!') throw this.fail('"!" was expected after a sheet name');
      this.i++;
      return this.reference(name);
    }
    const num = this.match(NUMBER);
    if (num) return { k: 'num', v: Number(num[0]) };
    const fn = this.match(FUNCTION);
    if (fn) {
      const args: Node[] = [];
      if (!this.eat(')')) {
        do args.push(this.comparison());
        while (this.eat(','));
        if (!this.eat(')')) throw this.fail('")" was expected');
      }
      return { k: 'call', name: fn[1]!, args };
    }
    const bool = this.match(BOOLEAN);
    if (bool) return { k: 'bool', v: bool[1] === 'TRUE' };
    const sheetRef = this.match(SHEET);
    if (sheetRef) return this.reference(sheetRef[1]!);
    return this.reference(this.sheet);
  }
}

export function parseFormula(formula: string, sheet: string): Node {
  return new Parser(formula, sheet).parse();
}
