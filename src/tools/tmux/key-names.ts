/** send-keys arguments as the bytes a terminal sends. */

/** Key names send-keys understands (key-string.c), as the bytes a terminal sends. */
const KEY_NAMES: Record<string, string> = {
  Enter: '\r',
  Escape: '\x1b',
  Space: ' ',
  Tab: '\t',
  BTab: '\x1b[Z',
  BSpace: '\x7f',
  Up: '\x1b[A',
  Down: '\x1b[B',
  Right: '\x1b[C',
  Left: '\x1b[D',
  Home: '\x1b[1~',
  End: '\x1b[4~',
  IC: '\x1b[2~',
  Insert: '\x1b[2~',
  DC: '\x1b[3~',
  Delete: '\x1b[3~',
  PPage: '\x1b[5~',
  PageUp: '\x1b[5~',
  PgUp: '\x1b[5~',
  NPage: '\x1b[6~',
  PageDown: '\x1b[6~',
  PgDn: '\x1b[6~',
  F1: '\x1bOP',
  F2: '\x1bOQ',
  F3: '\x1bOR',
  F4: '\x1bOS',
};

/** One send-keys argument: a key name (Enter, C-c, M-x, Up…) or, failing that, its text. */
export function keyBytes(arg: string): string {
  if (Object.hasOwn(KEY_NAMES, arg)) return KEY_NAMES[arg];
  const ctrl = /^(?:C-|\^)(.)$/.exec(arg);
  if (ctrl) {
    const c = ctrl[1].toLowerCase();
    if (c >= 'a' && c <= 'z') return String.fromCharCode(c.charCodeAt(0) - 96);
    if (c === ' ' || c === '@') return '\x00';
    if ('[\\]^_'.includes(c)) return String.fromCharCode(c.charCodeAt(0) - 64);
  }
  const meta = /^M-(.+)$/.exec(arg);
  if (meta) return `\x1b${keyBytes(meta[1])}`;
  return arg;
}

