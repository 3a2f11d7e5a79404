/**
 * `kubectl config …` reads its kubeconfig files as the loader logs them (-v=6: loader.go, one line
 * a file each time it loads them). kubectl 1.33's config commands load more than once: the
 * counts below were recorded from it (`kubectl config … -v=6`), one load for the others.
 */
import type { Invocation } from '../../invocation';
import { loadForConfig } from '../../kubeconfig/write';
import type { LoadedConfig } from '../../kubeconfig/load';
import { verboseLog } from '../../client/verbose';

const LOADS: Record<string, number> = {
  'config use-context': 2,
  'config unset': 3,
  'config set': 3,
  'config set-context': 3,
  'config set-cluster': 3,
  'config set-credentials': 3,
  'config delete-context': 3,
  'config delete-cluster': 3,
  'config delete-user': 3,
  'config rename-context': 6,
};

const logged = new WeakSet<Invocation>();

/** loadForConfig, its files logged once per command. */
export function loadConfigLogged(inv: Invocation): LoadedConfig {
  const loaded = loadForConfig(inv);
  if (!logged.has(inv)) {
    logged.add(inv);
    const log = verboseLog(inv);
    for (let i = 0; i < (LOADS[inv.path] ?? 1); i++) log.configLoaded([...loaded.perFile.keys()], loaded.files);
  }
  return loaded;
}
