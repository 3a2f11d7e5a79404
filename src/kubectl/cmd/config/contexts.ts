/** kubectl config get-contexts, current-context, use-context, set-context, delete-context, rename-context */
import { fail, raw } from '../../errors';
import { helpText } from '../../help/help';
import type { Invocation } from '../../invocation';
import { destinationFile, fileConfig, writeConfig } from '../../kubeconfig/write';
import { loadConfigLogged } from './load-logged';
import { formatTable } from '../../printers/tabwriter';
import { register } from '../registry';

function getContexts(inv: Invocation): number {
  const cfg = loadConfigLogged(inv).config;
  const output = inv.flags.str('output');
  if (output !== '' && output !== 'name') throw fail(`output must be one of '' or 'name': ${output}`);
  const names = inv.flags.args;
  const contexts = [...cfg.contexts].sort((a, b) => (a.name < b.name ? -1 : 1));
  const selected = names.length ? contexts.filter((c) => names.includes(c.name)) : contexts;
  if (output === 'name') {
    for (const c of selected) inv.out(c.name + '\n');
  } else {
    const rows: string[][] = [];
    if (!inv.flags.bool('no-headers')) rows.push(['CURRENT', 'NAME', 'CLUSTER', 'AUTHINFO', 'NAMESPACE']);
    for (const c of selected) {
      rows.push([c.name === cfg['current-context'] ? '*' : '', c.name, c.context.cluster ?? '', c.context.user ?? '', c.context.namespace ?? '']);
    }
    inv.out(formatTable(rows));
  }
  const missing = names.filter((n) => !contexts.some((c) => c.name === n));
  if (missing.length) throw fail(missing.map((n) => `context ${n} not found`).join('\n'));
  return 0;
}

function currentContext(inv: Invocation): number {
  const cfg = loadConfigLogged(inv).config;
  if (!cfg['current-context']) throw fail('current-context is not set');
  inv.out(cfg['current-context'] + '\n');
  return 0;
}

function useContext(inv: Invocation): number {
  if (inv.flags.args.length !== 1) {
    inv.out(helpText('config use-context', inv.ctx.env.HOME ?? inv.ctx.user.home));
    throw fail(`Unexpected args: [${inv.flags.args.join(' ')}]`);
  }
  const name = inv.flags.args[0];
  const loaded = loadConfigLogged(inv);
  if (!loaded.config.contexts.some((c) => c.name === name)) throw fail(`no context exists with the name: "${name}"`);
  const file = destinationFile(loaded);
  const cfg = fileConfig(loaded, file);
  cfg['current-context'] = name;
  writeConfig(inv.ctx, file, cfg);
  inv.out(`Switched to context "${name}".\n`);
  return 0;
}

function setContext(inv: Invocation): number {
  const loaded = loadConfigLogged(inv);
  let name = inv.flags.args[0] ?? '';
  if (inv.flags.bool('current')) {
    if (inv.flags.args.length > 0) throw fail('you cannot specify both a context name and --current');
    name = loaded.config['current-context'] ?? '';
    if (!name) throw fail('no current context is set');
  }
  if (!name) throw fail('you must specify a non-empty context name or --current');
  const file = destinationFile(loaded, 'contexts', name);
  const cfg = fileConfig(loaded, file);
  let entry = cfg.contexts.find((c) => c.name === name);
  const exists = !!entry || loaded.config.contexts.some((c) => c.name === name);
  if (!entry) {
    const merged = loaded.config.contexts.find((c) => c.name === name);
    entry = { name, context: { ...(merged?.context ?? {}) } };
    cfg.contexts.push(entry);
  }
  for (const [flag, key] of [['cluster', 'cluster'], ['user', 'user'], ['namespace', 'namespace']] as const) {
    if (inv.flags.has(flag)) entry.context[key] = inv.flags.str(flag);
  }
  writeConfig(inv.ctx, file, cfg);
  inv.out(`Context "${name}" ${exists ? 'modified' : 'created'}.\n`);
  return 0;
}

function deleteContext(inv: Invocation): number {
  const loaded = loadConfigLogged(inv);
  const name = inv.flags.args[0] ?? '';
  const file = destinationFile(loaded, 'contexts', name);
  const cfg = fileConfig(loaded, file);
  if (!cfg.contexts.some((c) => c.name === name)) throw fail(`cannot delete context ${name}, not in ${file}`);
  cfg.contexts = cfg.contexts.filter((c) => c.name !== name);
  writeConfig(inv.ctx, file, cfg);
  inv.out(`deleted context ${name} from ${file}\n`);
  if (loaded.config['current-context'] === name) {
    inv.err('warning: this removed your active context, use "kubectl config use-context" to select a different one\n');
  }
  return 0;
}

function renameContext(inv: Invocation): number {
  if (inv.flags.args.length !== 2) throw raw(`error: Unexpected args: [${inv.flags.args.join(' ')}]`);
  const [from, to] = inv.flags.args;
  const loaded = loadConfigLogged(inv);
  const file = destinationFile(loaded, 'contexts', from);
  const cfg = fileConfig(loaded, file);
  const entry = cfg.contexts.find((c) => c.name === from);
  if (!entry) throw fail(`cannot rename the context "${from}", it's not in ${file}`);
  if (cfg.contexts.some((c) => c.name === to)) throw fail(`cannot rename the context "${from}", the context "${to}" already exists in ${file}`);
  entry.name = to;
  if (cfg['current-context'] === from) cfg['current-context'] = to;
  writeConfig(inv.ctx, file, cfg);
  inv.out(`Context "${from}" renamed to "${to}".\n`);
  return 0;
}

register('config get-contexts', getContexts);
register('config current-context', currentContext);
register('config use-context', useContext);
register('config set-context', setContext);
register('config delete-context', deleteContext);
register('config rename-context', renameContext);
