/**
 * /usr/bin/printf (GNU): the format is reused until the arguments run out; %b expands escapes,
 * %q is not supported; numeric arguments accept 'c (character code) and warn when not converted.
 */
import type { Program } from '../command';
import { formatString, type FormatArg } from './lib/format';
import { lq, progName } from './lib/io';

/** Backslash escapes in the format (and in %b arguments): \n \t \\ \NNN \xHH \uHHHH \c. */
function escapeAt(s: string, i: number, octalNeedsZero: boolean): [string, number, boolean] {
  const n = s[i + 1];
  const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', f: '\f', v: '\v', e: '\x1b', '\\': '\\', '"': '"', "'": "'" };
  if (n === undefined) return ['\\', i + 1, false];
  if (simple[n] !== undefined) return [simple[n], i + 2, false];
  if (n === 'c') return ['', i + 2, true];
  if (/[0-7]/.test(n) && (!octalNeedsZero || n === '0')) {
    let j = i + 1 + (octalNeedsZero ? 1 : 0);
    let d = '';
    while (j < s.length && d.length < 3 && /[0-7]/.test(s[j])) d += s[j++];
    return [String.fromCharCode(parseInt(d || '0', 8) & 255), j, false];
  }
  if (n === 'x' && /[0-9a-fA-F]/.test(s[i + 2] ?? '')) {
    let j = i + 2;
    let d = '';
    while (j < s.length && d.length < 2 && /[0-9a-fA-F]/.test(s[j])) d += s[j++];
    return [String.fromCharCode(parseInt(d, 16)), j, false];
  }
  if ((n === 'u' || n === 'U') && /[0-9a-fA-F]/.test(s[i + 2] ?? '')) {
    const len = n === 'u' ? 4 : 8;
    const d = s.slice(i + 2, i + 2 + len);
    return [String.fromCodePoint(parseInt(d, 16)), i + 2 + d.length, false];
  }
  return ['\\' + n, i + 2, false];
}

export function expandBackslashes(s: string, octalNeedsZero: boolean): { text: string; stop: boolean } {
  let out = '';
  for (let i = 0; i < s.length; ) {
    if (s[i] === '\\') {
      const [t, ni, stop] = escapeAt(s, i, octalNeedsZero);
      if (stop) return { text: out, stop: true };
      out += t;
      i = ni;
    } else out += s[i++];
  }
  return { text: out, stop: false };
}

export const printf: Program = async (ctx) => {
  const name = progName(ctx);
  let args = ctx.argv.slice(1);
  if (args[0] === '--') args = args.slice(1);
  if (args.length === 0) {
    ctx.stderr.write(`${name}: missing operand\nTry '${name} --help' for more information.\n`);
    return 1;
  }
  const fmt = args[0];
  let rest = args.slice(1);
  let status = 0;
  let out = '';
  const numArg = (raw: string): FormatArg => ({
    str: () => raw,
    num: () => {
      if (/^['"]/.test(raw)) return raw.length > 1 ? raw.codePointAt(1)! : 0;
      const t = raw.trim();
      if (t === '') return 0;
      const m = /^[-+]?(0[xX][0-9a-fA-F]+|\d+\.?\d*(?:[eE][-+]?\d+)?|\.\d+(?:[eE][-+]?\d+)?|inf|nan)/i.exec(t);
      if (!m) {
        ctx.stderr.write(`${name}: ${lq(raw)}: expected a numeric value\n`);
        status = 1;
        return 0;
      }
      const v = /0[xX]/.test(m[0]) ? parseInt(m[0], 16) : Number(m[0]);
      if (m[0].length !== t.length) {
        ctx.stderr.write(`${name}: ${lq(raw)}: value not completely converted\n`);
        status = 1;
      }
      return v;
    },
  });
  // Validate conversions up front, like GNU (which fails before printing anything).
  const bad = [...fmt.replace(/%%/g, '').matchAll(/%[-+ #0]*(?:\*|\d+)?(?:\.(?:\*|\d*))?(.?)/g)].find((m) => !'diouxXeEfFgGcsbaA'.includes(m[1]) || m[1] === '');
  if (bad) {
    ctx.stderr.write(`${name}: ${bad[0]}: invalid conversion specification\n`);
    return 1;
  }
  const conversions = (fmt.replace(/%%/g, '').match(/%[-+ #0]*(\*|\d+)?(\.(\*|\d*))?[a-zA-Z]/g) ?? []).reduce((n, c) => n + 1 + (c.match(/\*/g)?.length ?? 0), 0);
  let stopped = false;
  do {
    // %b arguments are expanded here; other conversions go through the shared formatter.
    let i = 0;
    const used: FormatArg[] = [];
    const piece = fmt.replace(/%([-+ #0]*(?:\*|\d+)?(?:\.(?:\*|\d*))?)([a-zA-Z%])/g, (m, flags: string, conv: string) => {
      if (conv === '%') return '%%';
      const stars = (flags.match(/\*/g) ?? []).length;
      for (let k = 0; k < stars; k++) used.push(numArg(rest[i++] ?? ''));
      const raw = rest[i++];
      if (conv === 'b') {
        const r = expandBackslashes(raw ?? '', true);
        if (r.stop) stopped = true;
        used.push({ str: () => r.text, num: () => 0 });
        return `%${flags}s`;
      }
      if ('diouxXeEfFgGaAc'.includes(conv)) used.push(conv === 'c' ? { str: () => raw ?? '', num: () => 0, isNumber: false } as FormatArg : numArg(raw ?? ''));
      else used.push({ str: () => raw ?? '', num: () => 0 });
      return m;
    });
    const r = formatString(piece, used, { escapes: (s, at) => {
      const [t, ni, stop] = escapeAt(s, at, false);
      if (stop) stopped = true;
      return [t, stop ? s.length : ni];
    } });
    out += r.text;
    rest = rest.slice(i);
    if (stopped) break;
  } while (conversions > 0 && rest.length > 0);
  if (conversions === 0 && rest.length > 0) ctx.stderr.write(`${name}: warning: ignoring excess arguments, starting with ${lq(rest[0])}\n`);
  ctx.stdout.write(out);
  return status;
};
