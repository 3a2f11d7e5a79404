/**
 * The syntax error Go's encoding/json reports for a malformed document (its scanner runs over the
 * whole input before decoding): "invalid character 'b' looking for beginning of object key string",
 * "unexpected end of JSON input"… What a Go server answers to a body such as `{bad`.
 */

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);
const END = 'unexpected end of JSON input';

/** A character as the scanner quotes it: 'x', '\'' and '"' as such, control characters escaped as strconv.Quote does. */
function quoteChar(c: string): string {
  if (c === "'") return "'\\''";
  if (c === '"') return `'"'`;
  const escapes: Record<string, string> = { '\n': '\\n', '\t': '\\t', '\r': '\\r', '\b': '\\b', '\f': '\\f', '\v': '\\v', '\u0007': '\\a', '\\': '\\\\' };
  if (escapes[c]) return `'${escapes[c]}'`;
  const code = c.charCodeAt(0);
  if (code < 0x20 || code === 0x7f) return `'\\x${code.toString(16).padStart(2, '0')}'`;
  return `'${c}'`;
}

class SyntaxError_ extends Error {
  constructor(
    message: string,
    readonly index: number,
  ) {
    super(message);
  }
}

class Scanner {
  constructor(
    private readonly text: string,
    private i = 0,
  ) {}

  private fail(context: string): never {
    if (this.i >= this.text.length) throw new SyntaxError_(END, this.i);
    throw new SyntaxError_(`invalid character ${quoteChar(this.text[this.i])} ${context}`, this.i);
  }

  private skipSpace(): void {
    while (this.i < this.text.length && WHITESPACE.has(this.text[this.i])) this.i++;
  }

  private peek(): string | undefined {
    return this.text[this.i];
  }

  /** One value of a stream (encoding/json's Decoder): where it ends; undefined when only white space is left. */
  streamValue(): number | undefined {
    this.skipSpace();
    if (this.i >= this.text.length) return undefined;
    this.value();
    return this.i;
  }

  document(): void {
    this.value();
    this.skipSpace();
    if (this.i < this.text.length) this.fail('after top-level value');
  }

  private value(): void {
    this.skipSpace();
    const c = this.peek();
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    if (c === '"') return this.string();
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return this.number();
    if (c === 't') return this.literal('true');
    if (c === 'f') return this.literal('false');
    if (c === 'n') return this.literal('null');
    this.fail('looking for beginning of value');
  }

  private object(): void {
    this.container('}', 'after object key:value pair', () => {
      this.skipSpace();
      if (this.peek() !== '"') this.fail('looking for beginning of object key string');
      this.string();
      this.skipSpace();
      if (this.peek() !== ':') this.fail('after object key');
      this.i++;
      this.value();
    });
  }

  private array(): void {
    this.container(']', 'after array element', () => this.value());
  }

  /** An object or array: items separated by commas up to `close`, which may come at once. */
  private container(close: string, afterItem: string, item: () => void): void {
    this.i++;
    this.skipSpace();
    if (this.peek() === close) {
      this.i++;
      return;
    }
    for (;;) {
      item();
      this.skipSpace();
      const c = this.peek();
      if (c !== close && c !== ',') this.fail(afterItem);
      this.i++;
      if (c === close) return;
    }
  }

  private string(): void {
    this.i++;
    for (;;) {
      const c = this.peek();
      if (c === undefined) this.fail('');
      if (c === '"') {
        this.i++;
        return;
      }
      if (c.charCodeAt(0) < 0x20) this.fail('in string literal');
      this.i++;
      if (c !== '\\') continue;
      const e = this.peek();
      if (e !== undefined && '"\\/bfnrt'.includes(e)) {
        this.i++;
        continue;
      }
      if (e !== 'u') this.fail('in string escape code');
      this.i++;
      for (let k = 0; k < 4; k++) {
        if (!/^[0-9a-fA-F]$/.test(this.peek() ?? '')) this.fail('in \\u hexadecimal character escape');
        this.i++;
      }
    }
  }

  private digits(context: string): void {
    if (!/^[0-9]$/.test(this.peek() ?? '')) this.fail(context);
    while (/^[0-9]$/.test(this.peek() ?? '')) this.i++;
  }

  private number(): void {
    if (this.peek() === '-') this.i++;
    if (this.peek() === '0') this.i++;
    else this.digits('in numeric literal');
    if (this.peek() === '.') {
      this.i++;
      this.digits('after decimal point in numeric literal');
    }
    if (this.peek() === 'e' || this.peek() === 'E') {
      this.i++;
      if (this.peek() === '+' || this.peek() === '-') this.i++;
      this.digits('in exponent of numeric literal');
    }
  }

  private literal(word: string): void {
    this.i++;
    for (const expected of word.slice(1)) {
      if (this.peek() !== expected) this.fail(`in literal ${word} (expecting ${quoteChar(expected)})`);
      this.i++;
    }
  }
}

/** Go's syntax error for `text`, or undefined when it is well-formed JSON. */
export function goJsonSyntaxError(text: string): string | undefined {
  return goJsonSyntaxErrorAt(text)?.message;
}

/** The syntax error with the index of the character it names (the text's length at its end). */
export function goJsonSyntaxErrorAt(text: string): { message: string; index: number } | undefined {
  try {
    new Scanner(text).document();
    return undefined;
  } catch (e) {
    if (e instanceof SyntaxError_) return { message: e.message, index: e.index };
    throw e;
  }
}

/**
 * The next value of a JSON stream from `from`, as json.Decoder reads one: its end, or its syntax
 * error (the index of the character named; the text's length at its end); undefined when nothing
 * but white space is left.
 */
export function goJsonStreamValue(text: string, from: number): { end: number } | { message: string; index: number } | undefined {
  try {
    const end = new Scanner(text, from).streamValue();
    return end === undefined ? undefined : { end };
  } catch (e) {
    if (e instanceof SyntaxError_) return { message: e.message, index: e.index };
    throw e;
  }
}
