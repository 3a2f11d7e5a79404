/**
 * `-k DIR` on apply, create, delete, get, diff and replace: the objects of a kustomization, as
 * the builder reads them (source = the directory as typed). kustomize's deprecation warnings go
 * to stderr once per command; build errors print as each verb prints them.
 */
import { KustomizeError, kustomizeObjects } from '../kustomize';
import { fail, raw } from '../errors';
import type { Invocation } from '../invocation';
import type { SourcedObject } from './files';

const built = new WeakMap<Invocation, SourcedObject[]>();

export function kustomizeDirOf(inv: Invocation): string {
  return inv.flags.has('kustomize') ? inv.flags.str('kustomize') : '';
}

export function readKustomizeObjects(inv: Invocation): SourcedObject[] {
  const cached = built.get(inv);
  if (cached) return cached;
  const dir = kustomizeDirOf(inv);
  if (inv.flags.list('filename').length > 0) throw fail('only one of -f or -k can be specified');
  if (inv.flags.bool('recursive')) throw fail("the -k flag can't be used with -f or -R");
  let result: ReturnType<typeof kustomizeObjects>;
  try {
    result = kustomizeObjects(inv.ctx.fs, dir);
  } catch (e) {
    if (!(e instanceof KustomizeError)) throw e;
    if (inv.path === 'get') throw raw(e.message);
    throw fail(e.message, inv.path === 'diff' ? 2 : 1);
  }
  for (const w of result.warnings) inv.err(w + '\n');
  const out = result.objects.map((object) => ({ object, source: dir }));
  built.set(inv, out);
  return out;
}

/** Whether objects come from files: -f, or -k. */
export function hasFileSource(inv: Invocation): boolean {
  return inv.flags.list('filename').length > 0 || kustomizeDirOf(inv) !== '';
}
