/** /usr/bin/echo (GNU): -n, -e, -E; options only recognised before the first word. */
import type { Program } from '../command';

/** Interpret backslash escapes as echo -e does. Returns the text and whether \c stopped output. */
export function echoEscapes(s: string): { text: string; stop: boolean } {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (ch !== '\\' || i === s.length - 1) {
      out += ch;
      continue;
    }
    const n = s[++i];
    switch (n) {
      case 'a': out += '\x07'; break;
      case 'b': out += '\b'; break;
      case 'c': return { text: out, stop: true };
      case 'e': out += '\x1b'; break;
      case 'f': out += '\f'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 't': out += '\t'; break;
      case 'v': out += '\v'; break;
      case '\\': out += '\\'; break;
      case '0': {
        let j = i + 1;
        let digits = '';
        while (j < s.length && digits.length < 3 && /[0-7]/.test(s[j])) digits += s[j++];
        out += String.fromCharCode(parseInt(digits || '0', 8) & 255);
        i = j - 1;
        break;
      }
      case 'x': {
        let j = i + 1;
        let digits = '';
        while (j < s.length && digits.length < 2 && /[0-9a-fA-F]/.test(s[j])) digits += s[j++];
        if (!digits) out += '\\x';
        else out += String.fromCharCode(parseInt(digits, 16));
        i = j - 1;
        break;
      }
      default:
        out += '\\' + n;
    }
  }
  return { text: out, stop: false };
}

export const echo: Program = async (ctx) => {
  const words = ctx.argv.slice(1);
  let newline = true;
  let escapes = false;
  while (words.length && /^-[neE]+$/.test(words[0])) {
    for (const c of words[0].slice(1)) {
      if (c === 'n') newline = false;
      else if (c === 'e') escapes = true;
      else escapes = false;
    }
    words.shift();
  }
  let text = words.join(' ');
  if (escapes) {
    const r = echoEscapes(text);
    if (r.stop) {
      ctx.stdout.write(r.text);
      return 0;
    }
    text = r.text;
  }
  ctx.stdout.write(newline ? text + '\n' : text);
  return 0;
};
