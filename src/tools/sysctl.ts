/** sysctl (procps-ng 3.3.17 as on jammy): read, -w, -p, --system, -a, -n, -q. */
import type { CommandContext, Program } from '../shell/command';
import { allSysctlKeys, keyToPath, parseSysctlConf, readSysctl, systemSysctlFiles, writeSysctl } from '../sim/kernel/sysctl';
import { isRoot, out, systemFs } from './lib/context';
import { parseArgvOrGetoptMessage, type OptionSpec } from '../shell/commands/lib/args';

interface SysctlOptions {
  write: boolean;
  names: boolean;
  values: boolean;
  quiet: boolean;
  all: boolean;
  system: boolean;
  load?: string[];
  operands: string[];
}

/** procps sysctl's getopt_long table, in its order, and its short options "bneNwfp::qoxaAXr:Vdh". */
const SPECS: OptionSpec[] = [
  { long: 'all', short: 'a', key: 'a' }, { long: 'deprecated', key: 'deprecated' }, { long: 'binary', short: 'b', key: 'b' },
  { long: 'ignore', short: 'e', key: 'e' }, { long: 'names', short: 'N', key: 'N' }, { long: 'values', short: 'n', key: 'n' },
  { long: 'load', short: 'p', arg: 'optional', key: 'p' }, { long: 'quiet', short: 'q', key: 'q' }, { long: 'write', short: 'w', key: 'w' },
  { long: 'system', key: 'system' }, { long: 'pattern', short: 'r', arg: 'required', key: 'r' }, { long: 'help', short: 'h', key: 'h' },
  { long: 'version', short: 'V', key: 'V' },
  ...['f', 'o', 'x', 'A', 'X', 'd'].map((short) => ({ short, key: short === 'f' ? 'p' : short === 'A' || short === 'X' ? 'a' : short })),
];

/**
 * The command line as procps-ng 3.3.17's sysctl reads it: no arguments at all is the usage on
 * stderr (1); a getopt error, -h and -d the usage on stdout, and success (its '?' case calls
 * Usage(stdout)); --system ends the parsing and loads the system's files at once.
 */
function parse(ctx: CommandContext): SysctlOptions | number {
  const o: SysctlOptions = { write: false, names: true, values: true, quiet: false, all: false, system: false, operands: [] };
  const argv = ctx.argv.slice(1);
  if (!argv.length) {
    ctx.stderr.write(USAGE);
    return 1;
  }
  const parsed = parseArgvOrGetoptMessage('sysctl', argv, SPECS);
  if ('getoptMessage' in parsed) {
    ctx.stderr.write(`${parsed.getoptMessage}\n`);
    ctx.stdout.write(USAGE);
    return 0;
  }
  let preload = false;
  const files: string[] = [];
  for (const { key, value } of parsed.order) {
    if (key === 'b' || key === 'n') o.names = false;
    else if (key === 'N') o.values = false;
    else if (key === 'w') o.write = true;
    else if (key === 'q') o.quiet = true;
    else if (key === 'a') o.all = true;
    else if (key === 'p') {
      preload = true;
      if (value) files.push(value);
    } else if (key === 'system') {
      o.system = true;
      return o;
    } else if (key === 'V') {
      ctx.stdout.write('sysctl from procps-ng 3.3.17\n');
      return 0;
    } else if (key === 'h' || key === 'd') {
      ctx.stdout.write(USAGE);
      return 0;
    }
  }
  if (preload && !o.all) {
    // Each operand is a file too; with neither, the default file.
    o.load = [...files, ...parsed.operands];
    if (!o.load.length) o.load.push('/etc/sysctl.conf');
  }
  o.operands = parsed.operands;
  return o;
}

const USAGE =
  '\nUsage:\n sysctl [options] [variable[=value] ...]\n\nOptions:\n  -a, --all            display all variables\n  -A                   alias of -a\n  -X                   alias of -a\n      --deprecated     include deprecated parameters to listing\n  -b, --binary         print value without new line\n  -e, --ignore         ignore unknown variables errors\n  -N, --names          print variable names without values\n  -n, --values         print only values of the given variable(s)\n  -p, --load[=<file>]  read values from file\n  -f                   alias of -p\n      --system         read values from all system directories\n  -r, --pattern <expression>\n                       select setting that match expression\n  -q, --quiet          do not echo variable set\n  -w, --write          enable writing a value to variable\n  -o                   does nothing\n  -x                   does nothing\n  -d                   alias of -h\n\n -h, --help     display this help and exit\n -V, --version  output version information and exit\n\nFor more details see sysctl(8).\n';

export const sysctl: Program = async (ctx) => {
  const o = parse(ctx);
  if (typeof o === 'number') return o;
  const fs = systemFs(ctx);
  const show = (key: string, value: string) => {
    if (!o.names) out(ctx.stdout, value);
    else if (!o.values) out(ctx.stdout, key);
    else out(ctx.stdout, `${key} = ${value}`);
  };
  const cannotStat = (key: string) => ctx.stderr.write(`sysctl: cannot stat ${keyToPath(key)}: No such file or directory\n`);
  const setOne = (key: string, value: string, optional = false): number => {
    const display = key.replace(/\//g, '.');
    if (readSysctl(fs, key) === null) {
      if (optional) return 0;
      cannotStat(key);
      return 255;
    }
    if (!isRoot(ctx)) {
      ctx.stderr.write(`sysctl: permission denied on key "${display}"\n`);
      return 255;
    }
    writeSysctl(fs, key, value);
    if (!o.quiet) show(display, value.trim().replace(/\s+/g, ' '));
    return 0;
  };
  const loadFile = (file: string, announce: boolean): number => {
    let text: string;
    try {
      text = ctx.fs.readFile(file);
    } catch {
      ctx.stderr.write(`sysctl: cannot open "${file}": No such file or directory\n`);
      return 255;
    }
    if (announce) out(ctx.stdout, `* Applying ${file} ...`);
    let rc = 0;
    for (const s of parseSysctlConf(text)) {
      if ('error' in s) {
        ctx.stderr.write(`sysctl: ${file}(${s.line}): invalid syntax, continuing...\n`);
        continue;
      }
      rc |= setOne(s.key, s.value, s.optional);
    }
    return rc;
  };

  if (o.system) {
    let rc = 0;
    for (const file of systemSysctlFiles(fs)) rc |= loadFile(file, true);
    return rc;
  }
  if (o.load) {
    let rc = 0;
    for (const file of o.load) rc |= loadFile(file, false);
    return rc;
  }
  if (o.all) {
    for (const key of allSysctlKeys(fs)) show(key, readSysctl(fs, key) ?? '');
    return 0;
  }
  if (!o.operands.length) {
    ctx.stderr.write("sysctl: no variables specified\nTry `sysctl --help' for more information.\n");
    return 1;
  }
  if (!o.values && o.quiet) {
    ctx.stderr.write("sysctl: options -N and -q cannot coexist\nTry `sysctl --help' for more information.\n");
    return 1;
  }
  let rc = 0;
  for (const operand of o.operands) {
    const eq = operand.indexOf('=');
    if (eq >= 0) {
      rc |= setOne(operand.slice(0, eq).trim(), operand.slice(eq + 1));
      continue;
    }
    if (o.write) {
      ctx.stderr.write(`sysctl: "${operand}" must be of the form name=value\n`);
      rc |= 255;
      continue;
    }
    const value = readSysctl(fs, operand);
    if (value === null) {
      cannotStat(operand);
      rc |= 255;
      continue;
    }
    show(operand.replace(/\//g, '.'), value);
  }
  return rc;
};
