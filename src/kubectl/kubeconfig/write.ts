/** Choosing the kubeconfig file a change goes to, and writing it as kubectl does. */
import type { CommandContext } from '../../shell/command';
import { fail } from '../errors';
import type { Invocation } from '../invocation';
import { toYaml } from '../../sim/go-yaml/emit';
import { defaultKubeconfigPath, loadKubeconfig, type LoadedConfig } from './load';
import { canonical } from './model';
import { emptyConfig, type KubeConfig } from './types';

/** Load for `kubectl config …`: a missing explicit file is an empty config, not an error. */
export function loadForConfig(inv: Invocation): LoadedConfig {
  const explicit = inv.flags.str('kubeconfig') || undefined;
  if (explicit && !inv.ctx.fs.stat(explicit)) {
    return { config: emptyConfig(), resolved: emptyConfig(), files: [explicit], explicitPath: explicit, perFile: new Map() };
  }
  return loadKubeconfig(inv.ctx, explicit);
}

/** The file that defines `kind/name`, else the default destination (first existing, else last listed). */
export function destinationFile(loaded: LoadedConfig, kind?: 'clusters' | 'contexts' | 'users', name?: string): string {
  if (loaded.explicitPath) return loaded.explicitPath;
  if (kind && name) {
    for (const [file, cfg] of loaded.perFile) {
      if ((cfg[kind] as { name: string }[]).some((e) => e.name === name)) return file;
    }
  }
  for (const file of loaded.files) if (loaded.perFile.has(file)) return file;
  return loaded.files[loaded.files.length - 1];
}

export function fileConfig(loaded: LoadedConfig, file: string): KubeConfig {
  return loaded.perFile.get(file) ?? emptyConfig();
}

export function writeConfig(ctx: CommandContext, file: string, cfg: KubeConfig): void {
  const v1 = canonical(cfg);
  const ordered = {
    apiVersion: 'v1',
    clusters: v1.clusters,
    contexts: v1.contexts,
    'current-context': v1['current-context'],
    kind: 'Config',
    preferences: {},
    users: v1.users,
  };
  const dir = file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '';
  try {
    if (dir && !ctx.fs.stat(dir)) ctx.fs.mkdir(dir, { recursive: true });
    ctx.fs.writeFile(file, toYaml(ordered));
  } catch (e) {
    throw fail(`open ${file}: ${(e as Error).message.includes('EACCES') ? 'permission denied' : 'no such file or directory'}`);
  }
}

export { defaultKubeconfigPath };
