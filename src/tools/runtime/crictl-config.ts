/**
 * `crictl config` (cri-tools v1.33 cmd/crictl/config.go): --get KEY prints an option, --set
 * KEY=VALUE[,…] writes /etc/crictl.yaml, --list shows them all (after clearing the screen), and
 * `crictl config KEY VALUE` sets one as the old form did. The file is created with every option
 * at its zero value when it is missing, whichever form runs, help included.
 */
import { FsError, type CommandContext } from '../../shell/command';
import { tabwrite } from '../../sim/go-tabwriter';
import { crictlTable } from './cri';
import { applyOption, CRICTL_OPTIONS, emptyCrictlConfigFile, isCrictlOption, readCrictlConfig, writeCrictlConfig, type CrictlConfigFile } from './crictl-config-file';
import { logrusLine } from './crictl-log';

const ARGS_USAGE = `[<crictl options>]

EXAMPLES:
   # Set the key "debug" to "true"
   crictl config --set debug=true

   # Set the key "debug" to "true"
   crictl config debug true

   # Get the value of "debug"
   crictl config --get debug

   # Show the full configuration
   crictl config --list

CRICTL OPTIONS:
\t runtime-endpoint:\tContainer Runtime Interface (CRI) runtime endpoint (default: "")
\t image-endpoint:\tContainer Runtime Interface (CRI) image endpoint (default: "")
\t timeout:\tTimeout of connecting to server (default: 2)
\t debug:\tEnable debug output (default: false)
\t pull-image-on-create:\tEnable pulling image on create requests (default: false)
\t disable-pull-on-run:\tDisable pulling image on run requests (default: false)`;

/** urfave/cli v2's CommandHelpTemplate for the command, flags sorted by name, help last, through its tabwriter. */
export const CONFIG_HELP = tabwrite(
  `NAME:
   crictl config - Get, set and list crictl configuration options

USAGE:
   crictl config [command options] ${ARGS_USAGE}

OPTIONS:
   --get value\tShow the option value
   --list\tShow all option value (default: false)
   --set value [ --set value ]\tSet option (can specify multiple or separate values with commas: opt1=val1,opt2=val2)
   --help, -h\tshow help
`,
  1,
  2,
);

interface ConfigFlags {
  get?: string;
  set: string[];
  list: boolean;
  help: boolean;
  args: string[];
}

/** Go's flag package over the command's arguments: flags until the first argument that is not one. */
function parseFlags(args: string[]): ConfigFlags | { error: string } {
  const f: ConfigFlags = { set: [], list: false, help: false, args: [] };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      f.args = args.slice(i + 1);
      break;
    }
    if (!a.startsWith('-') || a === '-') {
      f.args = args.slice(i);
      break;
    }
    const m = /^--?([^=]*)(?:=(.*))?$/.exec(a)!;
    const [, name, inline] = m;
    const value = () => {
      if (inline !== undefined) return inline;
      if (i + 1 >= args.length) return undefined;
      return args[++i];
    };
    if (name === 'get' || name === 'set') {
      const v = value();
      if (v === undefined) return { error: `flag needs an argument: -${name}` };
      // urfave/cli's string slice splits a value at commas and trims each piece.
      if (name === 'get') f.get = v;
      else f.set.push(...v.split(',').map((s) => s.trim()));
    } else if (name === 'list' || name === 'help' || name === 'h') {
      const b = inline === undefined ? true : ['1', 't', 'T', 'true', 'TRUE', 'True'].includes(inline) ? true : ['0', 'f', 'F', 'false', 'FALSE', 'False'].includes(inline) ? false : undefined;
      if (b === undefined) return { error: `invalid boolean value "${inline}" for -${name}: parse error` };
      if (name === 'list') f.list = b;
      else f.help = b;
    } else return { error: `flag provided but not defined: -${name}` };
  }
  return f;
}

function fsMessage(e: unknown, op: string, path: string): string {
  if (e instanceof FsError) return `${op} ${path}: ${e.code === 'EACCES' ? 'permission denied' : e.code === 'EISDIR' ? 'is a directory' : e.code === 'ENOTDIR' ? 'not a directory' : 'no such file or directory'}`;
  throw e;
}

function fatal(ctx: CommandContext, message: string): number {
  ctx.stderr.write(logrusLine('FATA', message));
  return 1;
}

/** WriteConfig: the directory made, the file written (0644). */
function write(ctx: CommandContext, path: string, file: CrictlConfigFile): string | undefined {
  const dir = path.replace(/\/[^/]*$/, '') || '/';
  try {
    if (!ctx.fs.stat(dir)) ctx.fs.mkdir(dir, { recursive: true, mode: 0o755 });
  } catch (e) {
    return fsMessage(e, 'mkdir', dir);
  }
  try {
    ctx.fs.writeFile(path, writeCrictlConfig(file), { mode: 0o644 });
  } catch (e) {
    return fsMessage(e, 'open', path);
  }
  return undefined;
}

/** The option KEY set to VALUE, or setValue's error. */
function setValue(file: CrictlConfigFile, key: string, value: string): string | undefined {
  if (!isCrictlOption(key)) return `no configuration option named ${key}`;
  const error = applyOption(file.config, key, value);
  return error ? `parse ${key} value '${value}': ${error}` : undefined;
}

export function crictlConfig(ctx: CommandContext, args: string[], path: string): number {
  const flags = parseFlags(args);
  if ('error' in flags) {
    ctx.stdout.write(`Incorrect Usage: ${flags.error}\n\n${CONFIG_HELP}`);
    return fatal(ctx, flags.error);
  }
  if (flags.help) {
    ctx.stdout.write(CONFIG_HELP);
    return 0;
  }
  if (!ctx.fs.stat(path)) {
    const error = write(ctx, path, emptyCrictlConfigFile());
    if (error) return fatal(ctx, error);
  }
  let text: string;
  try {
    text = ctx.fs.readFile(path);
  } catch (e) {
    return fatal(ctx, `load config file: ${fsMessage(e, 'read', path)}`);
  }
  const file = readCrictlConfig(text);
  if ('error' in file) return fatal(ctx, `load config file: ${file.error}`);
  const { config } = file;
  if (flags.get !== undefined) {
    if (!isCrictlOption(flags.get)) return fatal(ctx, `no configuration option named ${flags.get}`);
    ctx.stdout.write(`${config[flags.get]}\n`);
    return 0;
  }
  if (flags.set.length) {
    for (const setting of flags.set) {
      for (const option of setting.split(',')) {
        const pair = option.split('=');
        if (pair.length !== 2) return fatal(ctx, `incorrectly specified option: ${setting}`);
        const error = setValue(file, pair[0], pair[1]);
        if (error) return fatal(ctx, error);
      }
    }
    const error = write(ctx, path, file);
    return error ? fatal(ctx, error) : 0;
  }
  if (flags.list) {
    // display.ClearScreen() writes its escapes before the table is flushed.
    ctx.stdout.write('\x1b[2J\x1b[H');
    ctx.stdout.write(crictlTable([['KEY', 'VALUE'], ...CRICTL_OPTIONS.map((k) => [k, String(config[k])])]));
    return 0;
  }
  const [key = '', value = ''] = flags.args;
  if (key === '') {
    ctx.stdout.write(CONFIG_HELP);
    return 0;
  }
  ctx.stderr.write(logrusLine('INFO', `No --get, --set or --list provided, setting key ${JSON.stringify(key)} to value ${JSON.stringify(value)}`));
  const error = setValue(file, key, value);
  if (error) return fatal(ctx, `set ${JSON.stringify(key)} to ${JSON.stringify(value)}: ${error}`);
  const writeError = write(ctx, path, file);
  return writeError ? fatal(ctx, writeError) : 0;
}
