/**
 * The kustomize engine of `kubectl kustomize` and `-k`: build a directory into objects, and
 * print them as kustomize does (each object's YAML with keys sorted, separated by `---`).
 */
import type { KubeObject } from '../../sim/apiserver/types';
import { toYaml } from '../../sim/go-yaml/emit';
import type { FileAccess } from '../../shell/command';
import { kustomizeBuild } from './build';

export { kustomizeBuild } from './build';
export { KustomizeError } from './types';
export { contentHash } from './hash';
export { goJson } from '../../sim/go-json';

/** kyaml (go-yaml v3) double-quotes a one-line string holding a tab, where kubectl's printer leaves it plain. */
function quoteTabs(yaml: string): string {
  return yaml.replace(/^(\s*(?:- )?[^\s:"'][^:\n]*: )([^\n"'|>]*\t[^\n]*)$/gm, (_m, key: string, value: string) => key + JSON.stringify(value));
}

export function renderKustomization(objects: KubeObject[]): string {
  return objects.map((o) => quoteTabs(toYaml(o))).join('---\n');
}

/** Build and return the objects and deprecation warnings. */
export function kustomizeObjects(fs: FileAccess, dir: string, options: { loadRestrictor?: string; enableHelm?: boolean } = {}): { objects: KubeObject[]; warnings: string[]; unusedVars: string[] } {
  const { resources, warnings, unusedVars } = kustomizeBuild(fs, dir, options);
  return { objects: resources.map((r) => r.obj), warnings, unusedVars };
}
