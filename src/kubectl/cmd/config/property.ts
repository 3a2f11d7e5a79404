/** kubectl config set|unset PROPERTY_NAME [VALUE]: dotted paths into the kubeconfig. */
import { fail } from '../../errors';
import type { Invocation } from '../../invocation';
import { destinationFile, fileConfig, writeConfig } from '../../kubeconfig/write';
import { loadConfigLogged } from './load-logged';
import type { KubeConfig } from '../../kubeconfig/types';
import { register } from '../registry';

const SECTIONS = { clusters: 'cluster', contexts: 'context', users: 'user' } as const;
const BOOL_FIELDS = new Set(['insecure-skip-tls-verify', 'disable-compression']);

interface Target {
  section?: keyof typeof SECTIONS;
  name?: string;
  field?: string;
}

function parsePath(path: string): Target {
  if (path === 'current-context') return {};
  const [section, ...rest] = path.split('.');
  if (!(section in SECTIONS)) throw fail(`unable to parse ${path} after [] at api.Config`);
  // names may contain dots: the field is the last segment when more than one remains
  if (rest.length === 0) throw fail(`unable to parse ${path} after [${section}] at api.Config`);
  if (rest.length === 1) return { section: section as keyof typeof SECTIONS, name: rest[0] };
  return { section: section as keyof typeof SECTIONS, name: rest.slice(0, -1).join('.'), field: rest[rest.length - 1] };
}

function modify(inv: Invocation, path: string, apply: (cfg: KubeConfig, t: Target) => void): void {
  const target = parsePath(path);
  const loaded = loadConfigLogged(inv);
  const file = destinationFile(loaded, target.section, target.name);
  const cfg = fileConfig(loaded, file);
  apply(cfg, target);
  writeConfig(inv.ctx, file, cfg);
}

function set(inv: Invocation): number {
  const [path, value] = inv.flags.args;
  if (inv.flags.args.length !== 2) throw fail(`Unexpected args: [${inv.flags.args.join(' ')}]`);
  modify(inv, path, (cfg, t) => {
    if (!t.section) {
      cfg['current-context'] = value;
      return;
    }
    const key = SECTIONS[t.section];
    const list = cfg[t.section] as { name: string; [k: string]: unknown }[];
    let entry = list.find((e) => e.name === t.name);
    if (!entry) {
      entry = { name: t.name!, [key]: {} };
      list.push(entry);
    }
    if (!t.field) throw fail(`unable to locate path ${path}`);
    const inner = entry[key] as Record<string, unknown>;
    inner[t.field] = BOOL_FIELDS.has(t.field) ? value === 'true' : value;
  });
  inv.out(`Property "${path}" set.\n`);
  return 0;
}

function unset(inv: Invocation): number {
  const [path] = inv.flags.args;
  if (inv.flags.args.length !== 1) throw fail(`Unexpected args: [${inv.flags.args.join(' ')}]`);
  modify(inv, path, (cfg, t) => {
    if (!t.section) {
      cfg['current-context'] = '';
      return;
    }
    const list = cfg[t.section] as { name: string; [k: string]: unknown }[];
    const entry = list.find((e) => e.name === t.name);
    if (!entry) throw fail(`current map key \`${t.name}\` is invalid`);
    if (!t.field) {
      (cfg as unknown as Record<string, unknown>)[t.section] = list.filter((e) => e !== entry);
      return;
    }
    delete (entry[SECTIONS[t.section]] as Record<string, unknown>)[t.field];
  });
  inv.out(`Property "${path}" unset.\n`);
  return 0;
}

register('config set', set);
register('config unset', unset);
