/** sysctl (procps-ng 3.3.17 as on jammy): read, -w, -p, --system, -a, -n, -q. */
import type { CommandContext, Program } from '../shell/command';
import { allSysctlKeys, keyToPath, parseSysctlConf, readSysctl, systemSysctlFiles, writeSysctl } from '../sim/kernel/sysctl';
import { isRoot, out, systemFs } from './lib/context';

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

function parse(ctx: CommandContext): SysctlOptions | number {
  const o: SysctlOptions = { write: false, names: true, values: true, quiet: false, all: false, system: false, operands: [] };
  const argv = ctx.argv.slice(1);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--system') o.system = true;
    else if (a === '--write') o.write = true;
    else if (a === '--all') o.all = true;
    else if (a === '--quiet') o.quiet = true;
    else if (a === '--values') o.names = false;
    else if (a === '--names') o.values = false;
    else if (a === '--load' || a.startsWith('--load=')) (o.load ??= []).push(a.includes('=') ? a.slice(7) : '/etc/sysctl.conf');
    else if (a.startsWith('--')) {
      ctx.stderr.write(`sysctl: unrecognized option '${a}'\n`);
      usage(ctx);
      return 1;
    } else if (a.startsWith('-') && a.length > 1) {
      const letters = a.slice(1);
      for (let j = 0; j < letters.length; j++) {
        const c = letters[j];
        if (c === 'w') o.write = true;
        else if (c === 'n') o.names = false;
        else if (c === 'N') o.values = false;
        else if (c === 'q') o.quiet = true;
        else if (c === 'a' || c === 'A' || c === 'X') o.all = true;
        else if (c === 'e' || c === 'b') continue;
        else if (c === 'p' || c === 'f') {
          // -p takes an optional file, attached or as the next word when it is not a setting.
          const rest = letters.slice(j + 1);
          if (rest) (o.load ??= []).push(rest);
          else if (argv[i + 1] && !argv[i + 1].startsWith('-') && !argv[i + 1].includes('=')) (o.load ??= []).push(argv[++i]);
          else (o.load ??= []).push('/etc/sysctl.conf');
          break;
        } else {
          ctx.stderr.write(`sysctl: invalid option -- '${c}'\n`);
          usage(ctx);
          return 1;
        }
      }
    } else o.operands.push(a);
  }
  return o;
}

function usage(ctx: CommandContext): void {
  ctx.stderr.write('\nUsage:\n sysctl [options] [variable[=value] ...]\n\nOptions:\n  -a, --all            display all variables\n  -A                   alias of -a\n  -X                   alias of -a\n      --deprecated     include deprecated parameters to listing\n  -b, --binary         print value without new line\n  -e, --ignore         ignore unknown variables errors\n  -N, --names          print variable names without values\n  -n, --values         print only values of the given variable(s)\n  -p, --load[=<file>]  read values from file\n  -f                   alias of -p\n      --system         read values from all system directories\n  -r, --pattern <expression>\n                       select setting that match expression\n  -q, --quiet          do not echo variable set\n  -w, --write          enable writing a value to variable\n  -o                   does nothing\n  -x                   does nothing\n  -d                   alias of -h\n\n -h, --help     display this help and exit\n -V, --version  output version information and exit\n\nFor more details see sysctl(8).\n');
}

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
    usage(ctx);
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
