/** kubectl config view [--minify] [--raw] [--flatten] [-o …] */
import { fail, usageError } from '../../errors';
import type { Invocation } from '../../invocation';
import { base64 } from '../create/data-sources';
import { canonical, redact } from '../../kubeconfig/model';
import { loadConfigLogged } from './load-logged';
import type { KubeConfig } from '../../kubeconfig/types';
import type { LoadedConfig } from '../../kubeconfig/load';
import { configFiles } from '../../kubeconfig/client-config';
import { checkOutputFormat, printStructured } from '../../printers/output';
import { toYaml } from '../../../sim/go-yaml/emit';
import { register } from '../registry';

function minify(cfg: KubeConfig, contextName: string): KubeConfig {
  if (!contextName) throw fail('current-context must exist in order to minify');
  const ctx = cfg.contexts.find((c) => c.name === contextName);
  if (!ctx) throw fail(`cannot locate context ${contextName}`);
  const { cluster, user } = ctx.context;
  if (cluster && !cfg.clusters.some((c) => c.name === cluster)) throw fail(`cannot locate cluster ${cluster}`);
  if (user && !cfg.users.some((u) => u.name === user)) throw fail(`cannot locate user ${user}`);
  return {
    ...cfg,
    'current-context': contextName,
    contexts: [ctx],
    clusters: cfg.clusters.filter((c) => c.name === ctx.context.cluster),
    users: cfg.users.filter((u) => u.name === ctx.context.user),
  };
}

/**
 * FlattenConfig: every file a cluster or user names becomes its -data field, read from the path
 * resolved against the kubeconfig that holds it (users first).
 */
function flatten(inv: Invocation, loaded: LoadedConfig, cfg: KubeConfig): KubeConfig {
  const files = configFiles(inv.ctx);
  const embed = (entry: Record<string, unknown>, resolvedEntry: Record<string, unknown> | undefined, field: string) => {
    if (!entry[field]) return;
    if (entry[`${field}-data`]) throw fail('cannot have values for both path and contents');
    const r = files.read(String(resolvedEntry?.[field] ?? entry[field]));
    if ('error' in r) throw fail(r.error);
    entry[`${field}-data`] = base64(r.text);
    delete entry[field];
  };
  const users = cfg.users.map((u) => {
    const us = { ...u.user };
    const resolved = loaded.resolved.users.find((r) => r.name === u.name)?.user;
    for (const k of ['client-certificate', 'client-key']) embed(us, resolved, k);
    return { name: u.name, user: us };
  });
  const clusters = cfg.clusters.map((c) => {
    const cl = { ...c.cluster };
    embed(cl, loaded.resolved.clusters.find((r) => r.name === c.name)?.cluster, 'certificate-authority');
    return { name: c.name, cluster: cl };
  });
  return { ...cfg, clusters, users };
}

function view(inv: Invocation): number {
  if (inv.flags.args.length > 0) throw usageError('config view', `unexpected arguments: [${inv.flags.args.join(' ')}]`);
  const spec = checkOutputFormat(inv.flags.str('output') || 'yaml');
  const loaded = loadConfigLogged(inv);
  let cfg = loaded.config;
  if (inv.flags.bool('minify')) cfg = minify(cfg, inv.flags.str('context') || cfg['current-context'] || '');
  if (inv.flags.bool('flatten')) cfg = flatten(inv, loaded, cfg);
  let v1 = canonical(cfg);
  if (!inv.flags.bool('raw') && !inv.flags.bool('flatten')) v1 = redact(v1);
  if (spec.format === 'yaml') {
    inv.out(toYaml(v1));
    return 0;
  }
  if (spec.format === 'name') {
    inv.out('config/<unknown>\n');
    return 0;
  }
  printStructured(inv, spec, v1 as never, { typed: true });
  return 0;
}

register('config view', view);
