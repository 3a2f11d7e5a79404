/** kubectl config view [--minify] [--raw] [--flatten] [-o …] */
import { fail, usageError } from '../../errors';
import type { Invocation } from '../../invocation';
import { base64 } from '../create/data-sources';
import { canonical, redact } from '../../kubeconfig/model';
import { loadForConfig } from '../../kubeconfig/write';
import type { KubeConfig } from '../../kubeconfig/types';
import { checkOutputFormat, printStructured } from '../../printers/output';
import { toYaml } from '../../printers/yaml';
import { register } from '../registry';

function minify(cfg: KubeConfig, contextName: string): KubeConfig {
  if (!contextName) throw fail('current-context must exist in order to minify');
  const ctx = cfg.contexts.find((c) => c.name === contextName);
  if (!ctx) throw fail(`cannot locate context ${contextName}`);
  return {
    ...cfg,
    'current-context': contextName,
    contexts: [ctx],
    clusters: cfg.clusters.filter((c) => c.name === ctx.context.cluster),
    users: cfg.users.filter((u) => u.name === ctx.context.user),
  };
}

function flatten(inv: Invocation, cfg: KubeConfig): KubeConfig {
  const read = (path: string) => base64(inv.ctx.fs.readFile(path));
  return {
    ...cfg,
    clusters: cfg.clusters.map((c) => {
      const cl = { ...c.cluster };
      if (cl['certificate-authority']) {
        cl['certificate-authority-data'] = read(cl['certificate-authority']);
        delete cl['certificate-authority'];
      }
      return { name: c.name, cluster: cl };
    }),
    users: cfg.users.map((u) => {
      const us = { ...u.user };
      for (const k of ['client-certificate', 'client-key'] as const) {
        if (us[k]) {
          us[`${k}-data`] = read(us[k] as string);
          delete us[k];
        }
      }
      return { name: u.name, user: us };
    }),
  };
}

function view(inv: Invocation): number {
  if (inv.flags.args.length > 0) throw usageError('config view', `unexpected arguments: [${inv.flags.args.join(' ')}]`);
  const spec = checkOutputFormat(inv.flags.str('output') || 'yaml');
  let cfg = loadForConfig(inv).config;
  if (inv.flags.bool('minify')) cfg = minify(cfg, inv.flags.str('context') || cfg['current-context'] || '');
  if (inv.flags.bool('flatten')) cfg = flatten(inv, cfg);
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
