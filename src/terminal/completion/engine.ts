/**
 * Tab completion as an Ubuntu bash with bash-completion and `source <(kubectl completion bash)`
 * offers it: command names in command position, kubectl's own completion after kubectl (and the
 * usual alias k), directories after cd, a few bash-completion specs (systemctl, ssh, apt), and
 * file names everywhere else. Pure logic: what exists comes from an injected provider.
 */
import type { Candidate, CompletionResult } from '../backend';
import { completeKubectl, type KubectlCompletionSource } from './kubectl';
import { completePaths, type PathSource } from './paths';
import { splitForCompletion } from './words';

export interface CompletionProvider extends PathSource {
  /** Builtins, aliases, functions and programs on PATH, as `compgen -c` lists them. */
  commandNames(): string[];
  /** Alias table, so `k get po<TAB>` completes as kubectl (when `complete -F __start_kubectl k` is set up). */
  aliases?(): Record<string, string>;
  /** Shell variable names, for `$VAR` completion. */
  variableNames?(): string[];
  /** Known host names (ssh, scp), as bash-completion reads them from /etc/hosts. */
  hostNames?(): string[];
  /** systemd unit names on the machine (systemctl). */
  unitNames?(): string[];
  kubectl?: KubectlCompletionSource;
}

/** Commands that run another command: completion starts over after them. */
const PREFIX_COMMANDS = new Set(['sudo', 'watch', 'time', 'nohup', 'xargs', 'env', 'exec', 'command']);
const DIR_COMMANDS = new Set(['cd', 'pushd', 'rmdir']);
const SYSTEMCTL_VERBS = ['cat', 'daemon-reload', 'disable', 'enable', 'is-active', 'is-enabled', 'is-failed', 'list-unit-files', 'list-units', 'mask', 'reload', 'restart', 'show', 'start', 'status', 'stop', 'unmask'];

export function createCompleter(provider: CompletionProvider): (line: string, cursor: number) => CompletionResult {
  return (line, cursor) => {
    const before = line.slice(0, cursor);
    const info = splitForCompletion(before);
    const candidates = completeWords(info.words, info, provider);
    return { start: info.start, end: cursor, candidates: sortUnique(candidates) };
  };
}

function completeWords(allWords: string[], info: ReturnType<typeof splitForCompletion>, provider: CompletionProvider): Candidate[] {
  let words = allWords;
  const cur = words[words.length - 1];
  const pathOptions = { quote: info.openQuote };
  if (info.afterRedirect) return completePaths(cur, provider, pathOptions);
  // Skip variable assignments and wrapper commands in front of the real command.
  while (words.length > 1 && (/^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0]) || PREFIX_COMMANDS.has(words[0]))) {
    words = words.slice(1);
    while (words.length > 1 && words[0].startsWith('-') && PREFIX_COMMANDS.has(allWords[0])) words = words.slice(1);
  }
  if (cur.startsWith('$') && !info.openQuote) {
    const vars = provider.variableNames?.() ?? [];
    return vars.filter((v) => v.startsWith(cur.slice(1))).map((v) => ({ value: '$' + v }));
  }
  if (words.length === 1) {
    if (cur.includes('/')) return completePaths(cur, provider, { ...pathOptions, executablesOnly: true });
    return provider.commandNames().filter((c) => c.startsWith(cur)).map((value) => ({ value }));
  }
  let command = words[0];
  const alias = provider.aliases?.()[command];
  if (alias && /^kubectl(\s|$)/.test(alias)) command = 'kubectl';
  const args = words.slice(1);
  if (command === 'kubectl') {
    const result = completeKubectl(args, provider.kubectl);
    if (result.candidates.length || !result.files) return result.candidates;
    return completePaths(cur, provider, pathOptions);
  }
  if (DIR_COMMANDS.has(command)) return completePaths(cur, provider, { ...pathOptions, dirsOnly: true });
  if (command === 'systemctl') {
    const positional = args.slice(0, -1).filter((a) => !a.startsWith('-'));
    if (!positional.length && !cur.startsWith('-')) return SYSTEMCTL_VERBS.filter((v) => v.startsWith(cur)).map((value) => ({ value }));
    const units = provider.unitNames?.() ?? [];
    return units.filter((u) => u.startsWith(cur)).map((value) => ({ value }));
  }
  if (command === 'ssh' && !cur.includes('/')) {
    const hosts = provider.hostNames?.() ?? [];
    const at = cur.indexOf('@');
    const user = at >= 0 ? cur.slice(0, at + 1) : '';
    return hosts.filter((h) => (user + h).startsWith(cur)).map((h) => ({ value: user + h }));
  }
  return completePaths(cur, provider, pathOptions);
}

function sortUnique(candidates: Candidate[]): Candidate[] {
  const seen = new Set<string>();
  const out: Candidate[] = [];
  for (const c of candidates) {
    if (seen.has(c.value)) continue;
    seen.add(c.value);
    out.push(c);
  }
  return out.sort((a, b) => (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
}
