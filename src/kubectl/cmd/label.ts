/** kubectl label / annotate: KEY=VALUE to set, KEY- to remove, --overwrite to replace. */
import type { KubeObject } from '../../sim/apiserver/types';
import { fail, raw } from '../errors';
import type { Invocation } from '../invocation';
import { mutate } from './mutate';
import { register } from './registry';

function splitArgs(args: string[]): { resources: string[]; changes: string[] } {
  const resources: string[] = [];
  const changes: string[] = [];
  for (const a of args) {
    if (a.includes('=') || (a.endsWith('-') && !a.includes('/'))) changes.push(a);
    else resources.push(a);
  }
  return { resources, changes };
}

function labelLike(field: 'labels' | 'annotations', verb: string, noun: string) {
  return async (inv: Invocation): Promise<number> => {
    const { resources, changes } = splitArgs(inv.flags.args);
    if (resources.length === 0 && inv.flags.list('filename').length === 0) {
      throw raw(`error: one or more resources must be specified as <resource> <name> or <resource>/<name>`);
    }
    if (changes.length === 0 && !inv.flags.bool('list')) throw fail(`at least one ${noun} update is required`);
    const set: Record<string, string> = {};
    const remove: string[] = [];
    for (const c of changes) {
      if (c.endsWith('-') && !c.includes('=')) remove.push(c.slice(0, -1));
      else {
        const eq = c.indexOf('=');
        const key = c.slice(0, eq);
        if (!key) throw fail(`invalid ${noun} spec: ${c}`);
        set[key] = c.slice(eq + 1);
      }
    }
    return mutate(inv, {
      args: resources,
      done: verb,
      fieldManager: field === 'labels' ? 'kubectl-label' : 'kubectl-annotate',
      notDone: `not ${verb}`,
      change(obj: KubeObject) {
        const meta = (obj.metadata = obj.metadata ?? {});
        const current = { ...((meta[field] as Record<string, string>) ?? {}) };
        let changed = false;
        for (const [k, v] of Object.entries(set)) {
          if (k in current && current[k] !== v && !inv.flags.bool('overwrite')) {
            throw fail(`'${k}' already has a value (${current[k]}), and --overwrite is false`);
          }
          if (current[k] !== v) changed = true;
          current[k] = v;
        }
        for (const k of remove) {
          if (k in current) {
            delete current[k];
            changed = true;
          } else if (field === 'labels') {
            inv.err(`label "${k}" not found.\n`);
          }
        }
        meta[field] = current;
        if (Object.keys(current).length === 0) delete meta[field];
        return changed;
      },
    });
  };
}

register('label', labelLike('labels', 'labeled', 'label'));
register('annotate', labelLike('annotations', 'annotated', 'annotation'));
