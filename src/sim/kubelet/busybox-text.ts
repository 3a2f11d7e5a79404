/**
 * What busybox 1.36.1 prints the same way in many applets: its banner before a usage text, and
 * libbb's number formats (libbb/human_readable.c) that df, free and top share.
 */
import type { Program } from '../../shell/command';
import { flag, parseArgv, UsageError, withArg, type OptionSpec, type ParsedArgs } from '../../shell/commands/lib/args';

export const BUSYBOX_BANNER = 'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\n';

const UNITS = ['', 'K', 'M', 'G', 'T', 'P', 'E'];

/**
 * make_human_readable_str(val, block_size, display_unit): with a display unit, the rounded count
 * of that unit; without one (0), a value under 1024 with one decimal and a suffix ("48.3G"); a
 * block size of 0 drops the decimal ("1K").
 */
export function humanReadable(val: number, blockSize: number, displayUnit: number): string {
  if (val === 0) return '0';
  let v = BigInt(Math.round(val)) * (blockSize > 1 ? BigInt(blockSize) : 1n);
  if (displayUnit) return String((v + BigInt(Math.floor(displayUnit / 2))) / BigInt(displayUnit));
  let frac = 0;
  let u = 0;
  while (v >= 1024n) {
    u++;
    frac = Math.floor((Number(v % 1024n) * 10 + 512) / 1024);
    v /= 1024n;
  }
  if (frac >= 10) {
    v++;
    frac = 0;
  }
  if (u === 0) return String(v);
  if (blockSize === 0) return `${frac >= 5 ? v + 1n : v}${UNITS[u]}`;
  return `${v}.${frac}${UNITS[u]}`;
}

/** smart_ulltoa5: a count in five columns, scaled by 1024 with a suffix from `scale` above 99999 ("92.1m", " 123m"). */
export function smartUlltoa5(n: number, scale = ' mgtpezy'): string {
  let ul = Math.floor(n);
  let idx = 0;
  if (ul > 99999) {
    ul *= 10;
    do {
      ul = Math.floor(ul / 1024);
      idx++;
    } while (ul >= 100000);
  }
  let u = Math.floor(ul / 10);
  let v = ul % 10;
  const digits = '0123456789';
  const lead = ' 123456789';
  if (!idx) {
    let fmt = lead;
    let out = '';
    for (const d of [Math.floor(u / 1000), Math.floor(u / 100) % 10, Math.floor(u / 10) % 10]) {
      const c = (out === '' ? lead : fmt)[d];
      out += c;
      if (c !== ' ') fmt = digits;
    }
    return out + fmt[u % 10] + digits[v];
  }
  let out = '';
  let fmt = lead;
  if (u >= 100) {
    for (const d of [Math.floor(u / 1000), Math.floor(u / 100) % 10]) {
      const c = (out === '' ? lead : fmt)[d];
      out += c;
      if (c !== ' ') fmt = digits;
    }
    v = u % 10;
    u = Math.floor(u / 10);
    out += fmt[u % 10];
  } else {
    const c = lead[Math.floor(u / 10)];
    if (c !== ' ') fmt = digits;
    out += c + fmt[u % 10] + '.';
  }
  return out + digits[v] + scale[idx];
}

/**
 * getopt32 with an option string such as "kPTt:aiB:hHm" (a colon after a letter that takes a
 * value): glibc's getopt words the errors, then the applet's usage follows on stderr, status 1.
 */
export function busyboxOptions(p: Parameters<Program>[0], optstring: string, usage: string): ParsedArgs | undefined {
  const specs: OptionSpec[] = [];
  for (let i = 0; i < optstring.length; i++) {
    const valued = optstring[i + 1] === ':';
    specs.push(valued ? withArg(optstring[i]) : flag(optstring[i]));
    if (valued) i++;
  }
  try {
    return parseArgv(p.argv[0] ?? '', p.argv.slice(1), specs, { tryLine: (BUSYBOX_BANNER + usage).trimEnd() });
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    p.stderr.write(e.message);
    return undefined;
  }
}
