/**
 * kubeadm's flags per command, as cobra and pflag check them before the command runs: a flag the
 * command does not have, a flag without its value or a value of the wrong type fails the whole
 * command (nothing runs, no prompt) with kubeadm's CheckErr output:
 *   unknown flag: --foo
 *   To see the stack trace of this error execute with --v=5 or higher
 * (exit 1; v1.33 has no `error: ` prefix, v1.34 added it).
 *
 * The flag sets (kubeadm-flags.json) are v1.33's, from kubeadm's reference pages as
 * kubernetes/website regenerated them for v1.33.0, with the global flags the root command still
 * accepts (--add-dir-header, --skip-headers, -v/--v, --rootfs). v1.32 differs only in lacking
 * `upgrade plan --etcd-upgrade`. Commands not in the table (other init phases, completion…) and
 * other minor versions are not checked.
 */
import data from './kubeadm-flags.json';
import { parsePflags, type FlagSet, type FlagType } from '../sim/pflag';

interface Table {
  global: FlagSet;
  commands: Record<string, FlagSet>;
}

const TABLE = data as unknown as Table;

/** Certificates `kubeadm certs renew <cert>` knows (they share one flag set). */
const RENEWABLE = new Set(['admin.conf', 'apiserver', 'apiserver-etcd-client', 'apiserver-kubelet-client', 'controller-manager.conf', 'etcd-healthcheck-client', 'etcd-peer', 'etcd-server', 'front-proxy-client', 'scheduler.conf', 'super-admin.conf']);

/** The commands below each command word, as cobra finds them (the table's names, split). */
const CHILDREN = new Map<string, Set<string>>();
for (const name of Object.keys(TABLE.commands)) {
  const words = name.split(' ');
  for (let i = 0; i < words.length; i++) {
    const parent = words.slice(0, i).join(' ');
    if (!CHILDREN.has(parent)) CHILDREN.set(parent, new Set());
    CHILDREN.get(parent)!.add(words[i]);
  }
}

/** Every flag any command has, for telling flags that take a value while the command is not known yet. */
const ANY_FLAG: Record<string, FlagType> = Object.assign({}, TABLE.global.flags, ...Object.values(TABLE.commands).map((c) => c.flags));
const ANY_SHORT: Record<string, string> = Object.assign({}, TABLE.global.shorthands, ...Object.values(TABLE.commands).map((c) => c.shorthands));

/**
 * The table's name of the command `args` run (cobra's Find: command words in order, flags and
 * their values skipped), or undefined when it is not in the table.
 */
export function kubeadmCommand(args: readonly string[]): string | undefined {
  const path: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') break;
    if (a.startsWith('-') && a.length > 1) {
      if (!a.includes('=') && takesValue(a)) i++;
      continue;
    }
    const here = path.join(' ');
    if (here === 'certs renew' && RENEWABLE.has(a)) return 'certs renew <cert>';
    if (!CHILDREN.get(here)?.has(a)) break;
    path.push(a);
  }
  const name = path.join(' ');
  return name && name in TABLE.commands ? name : undefined;
}

function takesValue(arg: string): boolean {
  const long = arg.startsWith('--');
  const name = long ? arg.slice(2).replaceAll('_', '-') : ANY_SHORT[arg.slice(1)];
  if (!long && arg.length > 2) return false; // -v5
  const type = name === undefined ? undefined : ANY_FLAG[name];
  // cobra's stripFlags: a flag it does not know as a boolean takes the next word.
  return type !== 'bool';
}

/**
 * The parse error of a kubeadm command line (the words after `kubeadm`), or undefined when it
 * parses or is not checked. `minor`: the installed kubeadm's minor version.
 */
export function kubeadmFlagError(args: readonly string[], minor: number): string | undefined {
  if (minor !== 32 && minor !== 33) return undefined;
  const command = kubeadmCommand(args);
  if (!command) return undefined;
  const own = TABLE.commands[command];
  const flags: Record<string, FlagType> = { ...TABLE.global.flags, ...own.flags };
  if (minor === 32 && command === 'upgrade plan') delete flags['etcd-upgrade'];
  const r = parsePflags({ flags, shorthands: { ...TABLE.global.shorthands, ...own.shorthands } }, args);
  return 'error' in r ? r.error : undefined;
}
