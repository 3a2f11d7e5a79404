/** kubectl config set-cluster, set-credentials, delete-cluster, delete-user, get-clusters, get-users */
import { FsError } from '../../../shell/command';
import { fail } from '../../errors';
import type { Invocation } from '../../invocation';
import { base64 } from '../create/data-sources';
import { destinationFile, fileConfig, writeConfig } from '../../kubeconfig/write';
import { loadConfigLogged } from './load-logged';
import { register } from '../registry';

function readForEmbed(inv: Invocation, path: string): string {
  try {
    return base64(inv.ctx.fs.readFile(path));
  } catch (e) {
    if (e instanceof FsError) throw fail(`could not read ${path}: open ${path}: no such file or directory`);
    throw e;
  }
}

function setCluster(inv: Invocation): number {
  const name = inv.flags.args[0];
  if (!name) throw fail(`Unexpected args: []`);
  const loaded = loadConfigLogged(inv);
  const file = destinationFile(loaded, 'clusters', name);
  const cfg = fileConfig(loaded, file);
  let entry = cfg.clusters.find((c) => c.name === name);
  if (!entry) {
    entry = { name, cluster: {} };
    cfg.clusters.push(entry);
  }
  const c = entry.cluster;
  if (inv.flags.has('server')) c.server = inv.flags.str('server');
  if (inv.flags.has('tls-server-name')) c['tls-server-name'] = inv.flags.str('tls-server-name');
  if (inv.flags.has('proxy-url')) c['proxy-url'] = inv.flags.str('proxy-url');
  // kubectl 1.33 writes the flag's value whether given or not (default false drops it).
  c['insecure-skip-tls-verify'] = inv.flags.bool('insecure-skip-tls-verify');
  if (inv.flags.has('insecure-skip-tls-verify')) {
    if (c['insecure-skip-tls-verify']) {
      delete c['certificate-authority'];
      delete c['certificate-authority-data'];
    }
  }
  const ca = inv.flags.str('certificate-authority');
  if (ca) {
    if (inv.flags.bool('embed-certs')) {
      c['certificate-authority-data'] = readForEmbed(inv, ca);
      delete c['certificate-authority'];
    } else {
      c['certificate-authority'] = inv.ctx.fs.resolve(ca);
      delete c['certificate-authority-data'];
    }
    delete c['insecure-skip-tls-verify'];
  }
  writeConfig(inv.ctx, file, cfg);
  inv.out(`Cluster "${name}" set.\n`);
  return 0;
}

function setCredentials(inv: Invocation): number {
  const name = inv.flags.args[0];
  if (!name) throw fail(`Unexpected args: []`);
  const loaded = loadConfigLogged(inv);
  const file = destinationFile(loaded, 'users', name);
  const cfg = fileConfig(loaded, file);
  let entry = cfg.users.find((u) => u.name === name);
  if (!entry) {
    entry = { name, user: {} };
    cfg.users.push(entry);
  }
  const u = entry.user;
  const embed = inv.flags.bool('embed-certs');
  for (const key of ['client-certificate', 'client-key'] as const) {
    const path = inv.flags.str(key);
    if (!path) continue;
    if (embed) {
      u[`${key}-data`] = readForEmbed(inv, path);
      delete u[key];
    } else {
      u[key] = inv.ctx.fs.resolve(path);
      delete u[`${key}-data`];
    }
  }
  const setToken = inv.flags.has('token');
  const setBasic = inv.flags.has('username') || inv.flags.has('password');
  if (setToken) u.token = inv.flags.str('token');
  if (inv.flags.has('username')) u.username = inv.flags.str('username');
  if (inv.flags.has('password')) u.password = inv.flags.str('password');
  // One way of authenticating at a time: setting one clears the other.
  if (setToken && !setBasic) {
    delete u.username;
    delete u.password;
  }
  if (setBasic && !setToken) delete u.token;
  writeConfig(inv.ctx, file, cfg);
  inv.out(`User "${name}" set.\n`);
  return 0;
}

function deleteEntry(kind: 'clusters' | 'users', label: string) {
  return (inv: Invocation): number => {
    const loaded = loadConfigLogged(inv);
    const name = inv.flags.args[0] ?? '';
    const file = destinationFile(loaded, kind, name);
    const cfg = fileConfig(loaded, file);
    const list = cfg[kind] as { name: string }[];
    if (!list.some((e) => e.name === name)) throw fail(`cannot delete ${label} ${name}, not in ${file}`);
    (cfg as unknown as Record<string, unknown>)[kind] = list.filter((e) => e.name !== name);
    writeConfig(inv.ctx, file, cfg);
    inv.out(`deleted ${label} ${name} from ${file}\n`);
    return 0;
  };
}

function listNames(kind: 'clusters' | 'users') {
  return (inv: Invocation): number => {
    const cfg = loadConfigLogged(inv).config;
    const names = (cfg[kind] as { name: string }[]).map((e) => e.name).sort();
    inv.out(['NAME', ...names].join('\n') + '\n');
    return 0;
  };
}

register('config set-cluster', setCluster);
register('config set-credentials', setCredentials);
register('config delete-cluster', deleteEntry('clusters', 'cluster'));
register('config delete-user', deleteEntry('users', 'user'));
register('config get-clusters', listNames('clusters'));
register('config get-users', listNames('users'));
