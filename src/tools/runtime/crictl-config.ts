/**
 * `crictl config` (cri-tools v1.33 cmd/crictl/config.go): --get KEY prints an option, --set
 * KEY=VALUE[,…] writes /etc/crictl.yaml, --list shows them all (after clearing the screen), and
 * `crictl config KEY VALUE` sets one as the old form did. The file is created with every option
 * at its zero value when it is missing, whichever form runs, help included.
 */
import { FsError, type CommandContext } from '../../shell/command';
import { crictlTable } from './cri';
import { showSubcommandHelp } from './crictl-app';
import type { ParsedFlags } from './crictl-cli';
import { applyOption, CRICTL_OPTIONS, emptyCrictlConfigFile, isCrictlOption, readCrictlConfig, writeCrictlConfig, type CrictlConfigFile } from './crictl-config-file';
import { logrusLine } from './crictl-log';

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

/** The action, its flags parsed (crictl-app.ts answered --help and refused bad flags before). */
export function crictlConfig(ctx: CommandContext, parsed: ParsedFlags, path: string): number {
  const flags = {
    get: parsed.set.has('get') ? String(parsed.values.get('get')) : undefined,
    set: parsed.set.has('set') ? (parsed.values.get('set') as string[]) : [],
    list: parsed.values.get('list') === true,
    args: parsed.args,
  };
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
    ctx.stdout.write(showSubcommandHelp('config'));
    return 0;
  }
  ctx.stderr.write(logrusLine('INFO', `No --get, --set or --list provided, setting key ${JSON.stringify(key)} to value ${JSON.stringify(value)}`));
  const error = setValue(file, key, value);
  if (error) return fatal(ctx, `set ${JSON.stringify(key)} to ${JSON.stringify(value)}: ${error}`);
  const writeError = write(ctx, path, file);
  return writeError ? fatal(ctx, writeError) : 0;
}
