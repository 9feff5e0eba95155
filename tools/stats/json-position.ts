// Where things are in JSON text, for error messages. Reports are parsed with JSON.parse (fast, and the
// only parser whose result is used); only when it fails, or when the schema rejects a value, does
// this scanner walk the text again to say where: the line and column of the syntax error, or of the
// value at a JSON path. V8's own messages give an offset in some versions and none in others.
import type { TextPosition } from './errors.js';

export type JsonPath = ReadonlyArray<string | number>;

const MAX_DEPTH = 512;
const NUMBER = /-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/y;

/** 1-based line and column of a UTF-16 offset. */
export function positionOf(text: string, offset: number): TextPosition {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, column: offset - start + 1 };
}

class Stop {
  constructor(readonly offset: number, readonly message: string) {}
}

/** A strict JSON scanner (RFC 8259) that notes where the value at `target` starts. */
class Scanner {
  private i = 0;
  private readonly path: Array<string | number> = [];
  found = -1;

  constructor(private readonly text: string, private readonly target: JsonPath | null) {}

  document(): void {
    this.ws();
    this.value();
    this.ws();
    if (this.i < this.text.length) this.fail('unexpected text after the JSON value');
  }

  private fail(message: string, at = this.i): never {
    // Whatever was expected, text that stops early is the problem to name (a report cut short).
    throw new Stop(at, at >= this.text.length ? 'unexpected end of input' : message);
  }

  private ws(): void {
    const t = this.text;
    while (this.i < t.length) {
      const c = t.charCodeAt(this.i);
      if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) break;
      this.i++;
    }
  }

  private atTarget(): boolean {
    const t = this.target;
    if (t === null || this.found !== -1 || t.length !== this.path.length) return false;
    return t.every((p, k) => p === this.path[k]);
  }

  private value(): void {
    if (this.atTarget()) this.found = this.i;
    if (this.path.length > MAX_DEPTH) this.fail(`nested deeper than ${MAX_DEPTH} levels`);
    const c = this.text[this.i] ?? '';
    if (c === '{') this.object();
    else if (c === '[') this.array();
    else if (c === '"') this.string();
    else if (c === '-' || (c >= '0' && c <= '9')) this.number();
    else if (!this.literal('true') && !this.literal('false') && !this.literal('null')) {
      this.fail(`unexpected character ${JSON.stringify(c)}`);
    }
  }

  private literal(word: string): boolean {
    if (!this.text.startsWith(word, this.i)) return false;
    this.i += word.length;
    return true;
  }

  private object(): void {
    this.i++;
    this.ws();
    if (this.text[this.i] === '}') {
      this.i++;
      return;
    }
    for (;;) {
      if (this.text[this.i] !== '"') this.fail('expected a "key"');
      const start = this.i;
      this.string();
      const key = JSON.parse(this.text.slice(start, this.i)) as string;
      this.ws();
      if (this.text[this.i] !== ':') this.fail(`expected ':' after the key ${JSON.stringify(key)}`);
      this.i++;
      this.ws();
      this.path.push(key);
      this.value();
      this.path.pop();
      this.ws();
      const next = this.text[this.i];
      this.i++;
      if (next === '}') return;
      if (next !== ',') this.fail("expected ',' or '}'", this.i - 1);
      this.ws();
    }
  }

  private array(): void {
    this.i++;
    this.ws();
    if (this.text[this.i] === ']') {
      this.i++;
      return;
    }
    for (let index = 0; ; index++) {
      this.path.push(index);
      this.value();
      this.path.pop();
      this.ws();
      const next = this.text[this.i];
      this.i++;
      if (next === ']') return;
      if (next !== ',') this.fail("expected ',' or ']'", this.i - 1);
      this.ws();
    }
  }

  private string(): void {
    const t = this.text;
    this.i++;
    for (;;) {
      if (this.i >= t.length) this.fail('unterminated string');
      const c = t.charCodeAt(this.i);
      if (c === 0x22) {
        this.i++;
        return;
      }
      if (c < 0x20) this.fail('control character in a string (escape it)');
      if (c === 0x5c) {
        const e = t[this.i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(t.slice(this.i + 2, this.i + 6))) this.fail('bad \\u escape');
          this.i += 6;
          continue;
        }
        if (e === undefined || !'"\\/bfnrt'.includes(e)) this.fail('bad escape');
        this.i += 2;
        continue;
      }
      this.i++;
    }
  }

  private number(): void {
    NUMBER.lastIndex = this.i;
    const m = NUMBER.exec(this.text);
    if (m === null) this.fail('bad number');
    this.i += m[0].length;
  }
}

/** The first syntax error of `text` as JSON, or null when it is valid JSON. */
export function syntaxError(text: string): { at: TextPosition; message: string } | null {
  try {
    new Scanner(text, null).document();
    return null;
  } catch (err) {
    if (!(err instanceof Stop)) throw err;
    return { at: positionOf(text, err.offset), message: err.message };
  }
}

/** Where the value at `path` starts in valid JSON `text` (null if the path is not there). */
export function valuePosition(text: string, path: JsonPath): TextPosition | null {
  const s = new Scanner(text, path);
  try {
    s.document();
  } catch (err) {
    if (!(err instanceof Stop)) throw err;
  }
  return s.found === -1 ? null : positionOf(text, s.found);
}

/** A JSON path as a JSON Pointer: "/tags/0/liveBytes" ("" for the whole value). */
export function pointer(path: JsonPath): string {
  return path.map((p) => `/${String(p).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}
