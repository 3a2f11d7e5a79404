/**
 * Keys for full-screen programs, in Vim's notation: single characters, and `<Esc>`, `<CR>`,
 * `<BS>`, `<Del>`, `<Up>`, `<C-r>`… An ESC not followed by a known sequence is the Escape key
 * itself (so `\x1b:wq` typed quickly is Esc, then `:wq`). A bracketed paste is one `<Paste>`
 * token carrying its text.
 */
export type VKey = string;
export interface PasteToken {
  paste: string;
}
export type Token = VKey | PasteToken;

const CSI: Record<string, VKey> = {
  A: '<Up>', B: '<Down>', C: '<Right>', D: '<Left>', H: '<Home>', F: '<End>',
  '1~': '<Home>', '2~': '<Insert>', '3~': '<Del>', '4~': '<End>', '5~': '<PageUp>', '6~': '<PageDown>',
  '7~': '<Home>', '8~': '<End>',
};

export function tokenize(data: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < data.length) {
    if (data.startsWith('\x1b[200~', i)) {
      const end = data.indexOf('\x1b[201~', i);
      const stop = end < 0 ? data.length : end;
      out.push({ paste: data.slice(i + 6, stop).replace(/\r\n?/g, '\n') });
      i = end < 0 ? data.length : end + 6;
      continue;
    }
    const ch = data[i];
    if (ch === '\x1b') {
      const csi = /^\x1b\[(\d*(?:;\d+)?)([A-Z~])/.exec(data.slice(i));
      if (csi) {
        const key = csi[2] === '~' ? `${csi[1].split(';')[0]}~` : csi[2];
        out.push(CSI[key] ?? '<Nop>');
        i += csi[0].length;
        continue;
      }
      const ss3 = /^\x1bO([ABCDHF])/.exec(data.slice(i));
      if (ss3) {
        out.push(CSI[ss3[1]]);
        i += 3;
        continue;
      }
      out.push('<Esc>');
      i++;
      continue;
    }
    const code = ch.charCodeAt(0);
    if (code === 0x0d || code === 0x0a) out.push('<CR>');
    else if (code === 0x09) out.push('<Tab>');
    else if (code === 0x7f || code === 0x08) out.push('<BS>');
    else if (code < 0x20) out.push(`<C-${String.fromCharCode(code + 0x60)}>`);
    else {
      const cp = data.codePointAt(i)!;
      const s = String.fromCodePoint(cp);
      out.push(s);
      i += s.length;
      continue;
    }
    i++;
  }
  return out;
}
