/**
 * `-k DIR` on apply, create, delete, get, diff and replace: the objects of a kustomization, as
 * the builder reads them (source = the directory as typed). kustomize's deprecation warnings go
 * to stderr once per command; build errors print as each verb prints them.
 */
import { KustomizeError, kustomizeObjects } from '../kustomize';
import { fail, raw } from '../errors';
import type { Invocation } from '../invocation';
import type { SourcedObject } from './files';
import { DEFAULT_PID } from '../client/connection';
import { klogHeader } from '../client/klog';

/** What kustomize writes to stderr besides the objects: deprecation warnings, then unused vars (klog). */
export function printKustomizeNotes(inv: Invocation, built: { warnings: string[]; unusedVars: string[] }): void {
  for (const w of built.warnings) inv.err(w + '\n');
  if (built.unusedVars.length) {
    inv.err(`${klogHeader('I', inv.ctx.clock.now(), 591618, inv.deps.pid ?? DEFAULT_PID, 'log.go:245')}well-defined vars that were never replaced: ${built.unusedVars.join(',')}\n`);
  }
}

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
  printKustomizeNotes(inv, result);
  const out = result.objects.map((object) => ({ object, source: dir }));
  built.set(inv, out);
  return out;
}

/** Whether objects come from files: -f, or -k. */
export function hasFileSource(inv: Invocation): boolean {
  return inv.flags.list('filename').length > 0 || kustomizeDirOf(inv) !== '';
}
