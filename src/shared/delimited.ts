/**
 * The one reader of delimited text (RFC 4180), used by the CSV/TSV import (streamed, chunk by
 * chunk) and by pasting cells copied from a spreadsheet (tab-separated). The rules:
 *
 * - the delimiter is a parameter (comma, semicolon, tab);
 * - a field that starts with a quote is quoted: it may hold the delimiter, line breaks and
 *   doubled quotes (`""` is one quote), and ends at the next single quote;
 * - a quote anywhere else in a field is text (`5" pipe`); so is an opening quote whose closing
 *   quote is followed by more text before the delimiter: `"a"b` reads as `"a"b`, never as `ab`,
 *   and the text after such a quote is read as plain text (its delimiters separate fields);
 * - records end with CRLF, LF or a lone CR; the last record's line ending is optional, and a
 *   trailing one makes no empty record;
 * - a byte order mark at the very start is not part of the first field.
 *
 * It replaced csv-parse on the import path because csv-parse's stream, one promise per record,
 * was three times slower than the 1.5× target against sqlite3's own import; a property test
 * checks that the two read every generated CSV the same way. It holds only the record it is
 * building, and a record with no quote in it is split with one call.
 */
export class DelimitedReader {
  private row: string[] = [];
  private field = '';
  private quoted = false;
  private afterQuote = false;
  /** The field being read began with a quote (so `""` at the very end is still a field). */
  private began = false;
  /** A record ended at a CR: a LF straight after it (perhaps in the next chunk) belongs to it. */
  private skipLf = false;
  /** Characters pushed before the current chunk, and where the open quoted field started. */
  private base = 0;
  private openedAt = -1;
  private readonly delim: number;

  constructor(
    delimiter: string,
    private readonly onRow: (row: string[]) => void,
  ) {
    this.delim = delimiter.charCodeAt(0);
  }

  push(s: string): void {
    this.scan(s, this.base, this.base === 0 && s.charCodeAt(0) === 0xfeff ? 1 : 0);
    this.base += s.length;
  }

  /** Reads `s`, which starts `base` characters into the whole text, from index `from`. */
  private scan(s: string, base: number, from: number): void {
    const d = this.delim;
    const sep = String.fromCharCode(d);
    const n = s.length;
    let start = from;
    let nextQuote = s.indexOf('"');
    let nextLf = s.indexOf('\n');
    let nextCr = s.indexOf('\r');
    if (this.skipLf && start < n) {
      this.skipLf = false;
      if (s.charCodeAt(start) === 10) start++;
    }
    for (let i = start; i < n; i++) {
      // Fast path: a whole record with no quote (and no lone CR) in it is split in one call.
      if (start === i && !this.quoted && !this.afterQuote && this.field === '' && this.row.length === 0) {
        if (nextLf !== -1 && nextLf < i) nextLf = s.indexOf('\n', i);
        if (nextQuote !== -1 && nextQuote < i) nextQuote = s.indexOf('"', i);
        if (nextCr !== -1 && nextCr < i) nextCr = s.indexOf('\r', i);
        const nl = nextLf;
        if (nl >= 0 && (nextQuote === -1 || nextQuote > nl) && (nextCr === -1 || nextCr >= nl - 1)) {
          const end = nl > i && s.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
          this.onRow(s.slice(i, end).split(sep));
          i = nl;
          start = nl + 1;
          continue;
        }
      }
      const c = s.charCodeAt(i);
      if (this.quoted) {
        if (c === 34) {
          this.field += s.slice(start, i);
          this.quoted = false;
          this.afterQuote = true;
          start = i + 1;
        }
        continue;
      }
      if (this.afterQuote) {
        this.afterQuote = false;
        if (c === 34) {
          // A doubled quote inside a quoted field.
          this.field += '"';
          this.quoted = true;
          start = i + 1;
          continue;
        }
        if (c !== d && c !== 10 && c !== 13) {
          // More text after the closing quote: the opening quote was text. What followed it
          // (the field's text with its quotes doubled again, as written) is read once more as
          // plain text, where delimiters and line endings count.
          const written = `${this.field.replace(/"/g, '""')}"`;
          this.field = '"';
          this.scan(written, this.openedAt + 1, 0);
        }
      }
      if (c === d) {
        this.row.push(this.field + s.slice(start, i));
        this.field = '';
        this.began = false;
        start = i + 1;
      } else if (c === 10 || c === 13) {
        this.row.push(this.field + s.slice(start, i));
        this.field = '';
        this.began = false;
        if (c === 13 && i + 1 < n && s.charCodeAt(i + 1) === 10) i++;
        else this.skipLf = c === 13 && i + 1 === n;
        start = i + 1;
        const row = this.row;
        this.row = [];
        this.onRow(row);
      } else if (c === 34 && start === i && this.field === '') {
        this.quoted = true;
        this.began = true;
        this.openedAt = base + i;
        start = i + 1;
      }
    }
    this.field += s.slice(start);
  }

  /** Flushes the last record when the text does not end with a line ending. */
  end(): void {
    this.afterQuote = false;
    this.skipLf = false;
    if (this.field === '' && this.row.length === 0 && !this.began) return;
    this.began = false;
    this.row.push(this.field);
    this.field = '';
    const row = this.row;
    this.row = [];
    this.onRow(row);
  }

  /** True when the text ended inside a quoted field (an unclosed quote). */
  get unclosed(): boolean {
    return this.quoted;
  }

  /** Where (counted in characters of all the text pushed) the unclosed quoted field began; −1 if none. */
  get unclosedAt(): number {
    return this.quoted ? this.openedAt : -1;
  }
}

/**
 * Reads a whole text by the rules above. A quote that is never closed cannot be told apart from
 * text, so here it is read as text up to the next delimiter or line ending (the import, reading
 * a file, refuses such a file instead).
 */
export function parseDelimited(text: string, delimiter: string): string[][] {
  for (;;) {
    const rows: string[][] = [];
    const reader = new DelimitedReader(delimiter, (row) => rows.push(row));
    reader.push(text);
    reader.end();
    const at = reader.unclosedAt;
    if (at < 0) return rows;
    let end = at + 1;
    while (end < text.length && text[end] !== delimiter && text[end] !== '\n' && text[end] !== '\r') end++;
    // Quote the stray text so it reads back exactly as written, then read the whole again.
    text = `${text.slice(0, at)}"${text.slice(at, end).replace(/"/g, '""')}"${text.slice(end)}`;
  }
}
