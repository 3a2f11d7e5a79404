/**
 * Vim's default ("magic") patterns translated to JavaScript regular expressions, for the parts
 * learners use: literal text, `.`, `*`, `^`, `$`, `[...]`, `\<` `\>`, `\s` `\d` `\w`, `\(\)` groups
 * and `\|`. Replacement strings: `&` and `\0` for the match, `\1`… for groups, `\n` → newline.
 */
export function vimPatternToRegExp(pattern: string, flags = ''): RegExp | undefined {
  let src = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '\\' && i + 1 < pattern.length) {
      const n = pattern[++i];
      if (n === '<' || n === '>') src += '\\b';
      else if (n === '(' || n === ')' || n === '|') src += n;
      else if (n === '+' || n === '?' || n === '=') src += n === '=' ? '?' : n;
      else if ('sdwSDWtn'.includes(n)) src += '\\' + n;
      else if (n === '{') {
        const end = pattern.indexOf('}', i);
        if (end < 0) return undefined;
        src += '{' + pattern.slice(i + 1, end).replace(/^-/, '') + '}';
        i = end;
      } else src += '\\' + n;
    } else if ('+?(){}|'.includes(ch)) src += '\\' + ch;
    else src += ch;
  }
  try {
    return new RegExp(src, flags);
  } catch {
    return undefined;
  }
}

export function vimReplacement(rep: string): string {
  let out = '';
  for (let i = 0; i < rep.length; i++) {
    const ch = rep[i];
    if (ch === '\\' && i + 1 < rep.length) {
      const n = rep[++i];
      if (n >= '0' && n <= '9') out += n === '0' ? '$&' : '$' + n;
      else if (n === 'n' || n === 'r') out += '\n';
      else if (n === 't') out += '\t';
      else if (n === '$') out += '$$';
      else out += n;
    } else if (ch === '&') out += '$&';
    else if (ch === '$') out += '$$';
    else out += ch;
  }
  return out;
}
