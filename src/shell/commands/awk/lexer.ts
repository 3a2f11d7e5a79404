/** awk tokens. `/` is division after an operand and starts a regex literal elsewhere. */

export type TokType = 'num' | 'str' | 'regex' | 'name' | 'funcname' | 'builtin' | 'kw' | 'op' | 'nl' | 'eof';

export interface Token {
  type: TokType;
  text: string;
  /** Numeric value for 'num', decoded text for 'str'/'regex'. */
  value?: number | string;
  line: number;
}

export class AwkSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
    /** Further complete lines mawk prints after the first (without the program name). */
    readonly more: string[] = [],
  ) {
    super(message);
  }
}

export const KEYWORDS = new Set(['BEGIN', 'END', 'function', 'if', 'else', 'while', 'for', 'do', 'break', 'continue', 'next', 'nextfile', 'exit', 'return', 'delete', 'in', 'getline', 'print', 'printf']);

export const BUILTINS = new Set(['length', 'substr', 'index', 'split', 'sub', 'gsub', 'match', 'sprintf', 'sin', 'cos', 'atan2', 'exp', 'log', 'sqrt', 'int', 'rand', 'srand', 'tolower', 'toupper', 'system', 'close', 'fflush']);

const OPS = ['&&', '||', '>>', '!~', '==', '<=', '>=', '!=', '++', '--', '+=', '-=', '*=', '/=', '%=', '^=', '{', '}', '(', ')', '[', ']', ';', ',', '+', '-', '*', '/', '%', '^', '!', '>', '<', '|', '?', ':', '~', '$', '='];

/** Decode awk string escapes (\n, \t, \", \\, \/, octal); unknown escapes keep their backslash. */
export function decodeEscapes(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    if (s[i] !== '\\' || i + 1 >= s.length) {
      out += s[i];
      continue;
    }
    const c = s[++i];
    const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v', a: '\x07', '\\': '\\', '"': '"', '/': '/' };
    if (simple[c] !== undefined) out += simple[c];
    else if (/[0-7]/.test(c)) {
      let d = c;
      while (d.length < 3 && /[0-7]/.test(s[i + 1] ?? '')) d += s[++i];
      out += String.fromCharCode(parseInt(d, 8));
    } else out += '\\' + c;
  }
  return out;
}

export function tokenize(src: string): Token[] {
  const toks: Token[] = [];
  let i = 0;
  let line = 1;
  const operandEnd = () => {
    const t = toks[toks.length - 1];
    if (!t) return false;
    if (t.type === 'num' || t.type === 'str' || t.type === 'name' || t.type === 'regex') return true;
    if (t.type === 'builtin') return true;
    if (t.type === 'op') return t.text === ')' || t.text === ']' || t.text === '++' || t.text === '--' || t.text === '$';
    return false;
  };
  while (i < src.length) {
    const c = src[i];
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    if (c === '\\' && src[i + 1] === '\n') {
      i += 2;
      line++;
      continue;
    }
    if (c === '\\' && src[i + 1] === '\r' && src[i + 2] === '\n') {
      i += 3;
      line++;
      continue;
    }
    if (c === '#') {
      while (i < src.length && src[i] !== '\n') i++;
      continue;
    }
    if (c === '\n') {
      toks.push({ type: 'nl', text: '\n', line });
      line++;
      i++;
      continue;
    }
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(src[i + 1] ?? ''))) {
      const m = /^(?:0[xX][0-9a-fA-F]+|\d*\.?\d*(?:[eE][-+]?\d+)?)/.exec(src.slice(i))!;
      toks.push({ type: 'num', text: m[0], value: Number(m[0]), line });
      i += m[0].length;
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i))!;
      const w = m[0];
      i += w.length;
      if (KEYWORDS.has(w)) toks.push({ type: 'kw', text: w, line });
      else if (BUILTINS.has(w)) toks.push({ type: 'builtin', text: w, line });
      else if (src[i] === '(') toks.push({ type: 'funcname', text: w, line });
      else toks.push({ type: 'name', text: w, line });
      continue;
    }
    if (c === '"') {
      let j = i + 1;
      let raw = '';
      while (j < src.length && src[j] !== '"') {
        if (src[j] === '\n') throw new AwkSyntaxError(line, 'runaway string constant "' + raw.slice(0, 10) + ' ...');
        if (src[j] === '\\' && j + 1 < src.length) {
          if (src[j + 1] === '\n') {
            j += 2;
            line++;
            continue;
          }
          raw += src[j] + src[j + 1];
          j += 2;
        } else raw += src[j++];
      }
      if (j >= src.length) throw new AwkSyntaxError(line, 'runaway string constant "' + raw.slice(0, 10) + ' ...');
      toks.push({ type: 'str', text: `"${raw}"`, value: decodeEscapes(raw), line });
      i = j + 1;
      continue;
    }
    if (c === '/' && !operandEnd()) {
      let j = i + 1;
      let raw = '';
      let inBracket = false;
      while (j < src.length && (src[j] !== '/' || inBracket)) {
        if (src[j] === '\n') throw new AwkSyntaxError(line, 'runaway regular expression /' + raw.slice(0, 10) + ' ...');
        if (src[j] === '\\' && j + 1 < src.length) {
          raw += src[j + 1] === '/' ? '/' : src[j] + src[j + 1];
          j += 2;
          continue;
        }
        if (src[j] === '[' && !inBracket) {
          inBracket = true;
          raw += src[j++];
          if (src[j] === '^') raw += src[j++];
          if (src[j] === ']') raw += src[j++];
          continue;
        }
        if (src[j] === ']' && inBracket) inBracket = false;
        raw += src[j++];
      }
      if (j >= src.length) throw new AwkSyntaxError(line, 'runaway regular expression /' + raw.slice(0, 10) + ' ...');
      toks.push({ type: 'regex', text: `/${raw}/`, value: raw, line });
      i = j + 1;
      continue;
    }
    const op = OPS.find((o) => src.startsWith(o, i));
    if (!op) throw new AwkSyntaxError(line, `syntax error at or near ${c}`);
    toks.push({ type: 'op', text: op, line });
    i += op.length;
  }
  toks.push({ type: 'eof', text: 'end of file', line: line + (src.endsWith('\n') ? 0 : 1) });
  return toks;
}
