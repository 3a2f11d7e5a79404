/**
 * kubectl kustomize [DIR]: build a kustomization and print it (or write it with -o FILE).
 * Deprecation warnings go to stderr before the output, as kustomize prints them.
 */
import { FsError } from '../../shell/command';
import { fail } from '../errors';
import type { Invocation } from '../invocation';
import { KustomizeError, kustomizeObjects, renderKustomization } from '../kustomize';
import { register } from './registry';
import { printKustomizeNotes } from '../resource/kustomize-source';

function kustomize(inv: Invocation): number {
  const args = inv.flags.args;
  if (args.length > 1) throw fail('specify one path to kustomization.yaml');
  const dir = args[0] ?? '.';
  let built: ReturnType<typeof kustomizeObjects>;
  try {
    const loadRestrictor = inv.flags.str('load-restrictor');
    if (loadRestrictor !== 'LoadRestrictionsRootOnly' && loadRestrictor !== 'LoadRestrictionsNone') {
      throw fail(`illegal flag value --load-restrictor ${loadRestrictor}; legal values: [LoadRestrictionsRootOnly LoadRestrictionsNone]`);
    }
    built = kustomizeObjects(inv.ctx.fs, dir, { loadRestrictor, enableHelm: inv.flags.bool('enable-helm') });
  } catch (e) {
    if (e instanceof KustomizeError) throw fail(e.message);
    throw e;
  }
  printKustomizeNotes(inv, built);
  const text = renderKustomization(built.objects);
  const output = inv.flags.str('output');
  if (!output) {
    inv.out(text);
    return 0;
  }
  try {
    inv.ctx.fs.writeFile(output, text);
  } catch (e) {
    if (e instanceof FsError) throw fail(`open ${output}: ${e.code === 'ENOENT' ? 'no such file or directory' : e.code === 'EISDIR' ? 'is a directory' : 'permission denied'}`);
    throw e;
  }
  return 0;
}

register('kustomize', kustomize);
