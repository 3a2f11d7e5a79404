/** kubectl label / annotate: KEY=VALUE to set, KEY- to remove, --overwrite to replace. */
import type { KubeObject } from '../../sim/apiserver/types';
import { fail, raw } from '../errors';
import type { Invocation } from '../invocation';
import { CHANGE_CAUSE, mutate } from './mutate';
import { labelValueErrors } from '../../sim/apiserver/validation';
import { aggregate } from '../../sim/go-errors';
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
        // parseLabels checks each value before anything is fetched.
        const valueErrors = field === 'labels' ? labelValueErrors(set[key]) : [];
        if (valueErrors.length) throw fail(`invalid label value: ${JSON.stringify(c)}: ${valueErrors.join(';')}`);
      }
    }
    const overwrite = inv.flags.bool('overwrite');
    const resourceVersion = inv.flags.str('resource-version');
    return mutate(inv, {
      args: resources,
      done: verb,
      // updateDataChangeMsg: a label change that makes the object shorter, without --overwrite, is "unlabeled".
      doneFor: (live, changed) => (field === 'labels' && !overwrite && JSON.stringify(changed).length < JSON.stringify(live).length ? 'unlabeled' : verb),
      fieldManager: field === 'labels' ? 'kubectl-label' : 'kubectl-annotate',
      notDone: `not ${verb}`,
      patchUnchanged: true,
      change(obj: KubeObject) {
        const meta = (obj.metadata = obj.metadata ?? {});
        const current = { ...((meta[field] as Record<string, string>) ?? {}) };
        checkNoOverwrites(field, current, set, overwrite);
        let changed = false;
        for (const [k, v] of Object.entries(set)) {
          if (current[k] !== v) changed = true;
          current[k] = v;
        }
        for (const k of remove) {
          if (k in current) {
            delete current[k];
            changed = true;
          } else if (field === 'labels') {
            inv.out(`label "${k}" not found.\n`);
          }
        }
        meta[field] = current;
        if (Object.keys(current).length === 0) delete meta[field];
        if (!resourceVersion) return changed;
        // --resource-version goes into the patch (the server refuses it if the object moved on): the patch decides.
        meta.resourceVersion = resourceVersion;
        return undefined;
      },
    });
  };
}

/** Values that would replace different ones without --overwrite: label and annotate word it differently. */
function checkNoOverwrites(field: 'labels' | 'annotations', current: Record<string, string>, set: Record<string, string>, overwrite: boolean): void {
  if (overwrite) return;
  // annotate lets the change cause be overwritten always.
  const clashes = Object.entries(set).filter(([k, v]) => k in current && current[k] !== v && (field === 'labels' || k !== CHANGE_CAUSE));
  if (!clashes.length) return;
  if (field === 'annotations') {
    throw fail(`--overwrite is false but found the following declared annotation(s): ${clashes.map(([k]) => `'${k}' already has a value (${current[k]})`).join('; ')}`);
  }
  const errs = clashes.map(([k]) => `'${k}' already has a value (${current[k]}), and --overwrite is false`);
  throw fail(aggregate(errs));
}

register('label', labelLike('labels', 'labeled', 'label'));
register('annotate', labelLike('annotations', 'annotated', 'annotation'));
