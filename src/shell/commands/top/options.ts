/**
 * top's command line (procps-ng 3.3.17, top/top.c parse_args): letters may be bunched and need no
 * dash (`top bn1`), an option's argument is the rest of the word or the next word, and a numeric
 * argument is skipped over so that letters may follow it (`-n1b`). Each mistake ends top with
 * `top: MESSAGE` on stderr and status 1; -h and -v print the version and usage on stdout.
 */

export const VERSION = 'procps-ng 3.3.17';
export const USAGE = ' -hv | -bcEeHiOSs1 -d secs -n max -u|U user -p pid(s) -o field -w [cols]';

/** The column names top knows (top_nls.c Head_nlstab), in its order: -o takes one, -O lists them. */
export const FIELD_NAMES = [
  'PID', 'PPID', 'UID', 'USER', 'RUID', 'RUSER', 'SUID', 'SUSER', 'GID', 'GROUP', 'PGRP', 'TTY', 'TPGID', 'SID', 'PR', 'NI', 'nTH', 'P',
  '%CPU', 'TIME', 'TIME+', '%MEM', 'VIRT', 'SWAP', 'RES', 'CODE', 'DATA', 'SHR', 'nMaj', 'nMin', 'nDRT', 'S', 'COMMAND', 'WCHAN', 'Flags',
  'CGROUPS', 'SUPGIDS', 'SUPGRPS', 'TGID', 'OOMa', 'OOMs', 'ENVIRON', 'vMj', 'vMn', 'USED', 'nsIPC', 'nsMNT', 'nsNET', 'nsPID', 'nsUSER',
  'nsUTS', 'LXC', 'RSan', 'RSfd', 'RSlk', 'RSsh', 'CGNAME', 'NU',
];

/** Memory scales of -E (summary) and -e (task columns). */
export const SCALES = 'kmgtpe';

export interface TopOptions {
  batch: boolean;
  /** Frames to show; 0 for no limit. */
  loops: number;
  delaySeconds: number;
  /** Full command lines instead of program names (-c toggles it). */
  commandLines: boolean;
  /** One %Cpu line per processor (-1 toggles the summary line). */
  eachCpu: boolean;
  /** Only tasks that used CPU since the last frame (-i toggles). */
  onlyBusy: boolean;
  threads: boolean;
  sortField: string;
  /** Highest first (top's default); `-o -FIELD` lowest first. */
  sortHighFirst: boolean;
  pids: number[];
  /** -u/-U: a user name or uid, `!` to exclude it. */
  user?: { name: string; exclude: boolean };
  /** -w: columns (undefined without -w, -1 for -w without a number). */
  width?: number;
  summaryScale: number;
  taskScale: number;
  /** Printed and done: -h/-v, -O. */
  print?: string;
}

/** Resolves a user given to -u: undefined when there is no such user (a number always passes). */
export type UserCheck = (name: string) => boolean;

class TopError extends Error {}

const NUMBERS = '+,-.0123456789';

/** strspn: how many leading characters of s are in the set. */
function span(s: string, set: string): number {
  let i = 0;
  while (i < s.length && set.includes(s[i])) i++;
  return i;
}

/** mkfloat: a whole number as strtol reads it (base 0), or a decimal with '.' or ',' as its point. */
function toNumber(s: string, whole: boolean): number | undefined {
  if (whole) {
    const m = /^\s*([+-]?)(0x[0-9a-f]+|0[0-7]*|[1-9]\d*)$/i.exec(s);
    if (!m) return undefined;
    const digits = m[2];
    const n = /^0x/i.test(digits) ? parseInt(digits, 16) : digits.length > 1 && digits[0] === '0' ? parseInt(digits, 8) : Number(digits);
    return m[1] === '-' ? -n : n;
  }
  const t = s.replace(',', '.');
  return /^\s*[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t) ? Number(t.trim()) : undefined;
}

export function parseTopArgs(argv: string[], myname: string, userExists: UserCheck): TopOptions | { error: string } {
  const o: TopOptions = { batch: false, loops: -1, delaySeconds: 3, commandLines: false, eachCpu: false, onlyBusy: false, threads: false, sortField: '%CPU', sortHighFirst: true, pids: [], summaryScale: 1, taskScale: 0 };
  let secure = false;
  let delay: number | undefined;
  const args = [...argv];
  const fail = (message: string): never => {
    throw new TopError(message);
  };
  try {
    while (args.length) {
      let cp = args.shift()!;
      /** The option's argument: the rest of this word, else the next word. */
      const argument = (ch: string): string => {
        if (cp.length > 1) return (cp = cp.slice(1));
        if (args.length) return (cp = args.shift()!);
        return fail(`-${ch} requires argument`);
      };
      while (cp.length) {
        const ch = cp[0];
        let skipNumbers = false;
        switch (ch) {
          case '-':
            if (cp.length > 1) cp = cp.slice(1);
            else if (args.length) cp = args.shift()!;
            if (span(cp, '+,-.')) fail(`inappropriate '${cp}'\nUsage:\n  ${myname}${USAGE}`);
            continue;
          case '1':
            o.eachCpu = !o.eachCpu;
            break;
          case 'b':
            o.batch = true;
            break;
          case 'c':
            o.commandLines = !o.commandLines;
            break;
          case 'd': {
            const a = argument(ch);
            const n = toNumber(a, false);
            if (n === undefined) fail(`bad delay interval '${a}'`);
            if (n! < 0) fail('-d requires positive argument');
            delay = n;
            skipNumbers = true;
            break;
          }
          case 'e':
          case 'E': {
            const a = argument(ch);
            const i = (ch === 'E' ? SCALES : SCALES.slice(0, 5)).indexOf(a[0]?.toLowerCase() ?? '');
            if (i < 0) fail(`bad memory scaling arg '${a[0] ?? ''}'`);
            if (ch === 'E') o.summaryScale = i;
            else o.taskScale = i;
            break;
          }
          case 'H':
            o.threads = true;
            break;
          case 'h':
          case 'v':
            // Printed on the way out, where batch mode adds its final newline.
            o.print = `  ${VERSION}\nUsage:\n  ${myname}${USAGE}\n${o.batch ? '\n' : ''}`;
            return o;
          case 'i':
            o.onlyBusy = !o.onlyBusy;
            break;
          case 'n': {
            const a = argument(ch);
            const n = toNumber(a, true);
            if (n === undefined || n < 1) fail(`bad iterations argument '${a}'`);
            o.loops = n!;
            skipNumbers = true;
            break;
          }
          case 'o': {
            let a = argument(ch);
            if (a[0] === '+') (o.sortHighFirst = true), (a = a.slice(1));
            else if (a[0] === '-') (o.sortHighFirst = false), (a = a.slice(1));
            if (!FIELD_NAMES.includes(a)) fail(`unrecognized field name '${a}'`);
            o.sortField = a;
            cp = '';
            continue;
          }
          case 'O':
            o.print = FIELD_NAMES.map((f) => `${f}\n`).join('') + (o.batch ? '\n' : '');
            return o;
          case 'p': {
            if (o.user) fail('conflicting process selections (U/p/u)');
            for (;;) {
              const a = argument(ch);
              const m = /^\s*[+-]?\d+/.exec(a);
              if (!m || /[+\-.]/.test(a)) fail(`bad pid '${a}'`);
              const pid = Number(m![0]);
              if (!o.pids.includes(pid)) o.pids.push(pid);
              const comma = a.indexOf(',');
              if (comma < 0) break;
              cp = a.slice(comma);
            }
            skipNumbers = true;
            break;
          }
          case 's':
            secure = true;
            break;
          case 'S':
            break;
          case 'u':
          case 'U': {
            if (o.pids.length || o.user) fail('conflicting process selections (U/p/u)');
            const a = argument(ch);
            const exclude = a.startsWith('!');
            const name = exclude ? a.slice(1) : a;
            if (name && !/^\d+$/.test(name) && !userExists(name)) fail('Invalid user');
            if (name) o.user = { name, exclude };
            cp = '';
            continue;
          }
          case 'w': {
            let pn: string | undefined;
            let fromNext = false;
            if (cp.length > 1) pn = cp.slice(1);
            else if (args.length) (pn = args[0]), (fromNext = true);
            const digits = pn === undefined ? 0 : span(pn, NUMBERS);
            if (pn !== undefined && !digits) (pn = undefined), (fromNext = false);
            let width = -1;
            if (pn !== undefined) {
              const n = toNumber(pn, true);
              if (n === undefined || n < 3 || n > 512) fail(`bad width arg '${pn}'`);
              width = n!;
            }
            o.width = width;
            if (fromNext) args.shift();
            cp = pn !== undefined ? pn.slice(digits) : cp.slice(1);
            continue;
          }
          default:
            fail(`unknown option '${ch}'\nUsage:\n  ${myname}${USAGE}`);
        }
        // Past an argument's digits, so that more letters may follow in the same word.
        if (skipNumbers && cp.length) cp = cp.slice(span(cp.slice(1), NUMBERS));
        cp = cp.slice(1);
      }
    }
    if (delay !== undefined) {
      if (secure) fail('-d disallowed in "secure" mode');
      o.delaySeconds = delay;
    }
  } catch (e) {
    if (e instanceof TopError) return { error: e.message };
    throw e;
  }
  return o;
}
