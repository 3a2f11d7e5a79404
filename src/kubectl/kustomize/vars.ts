/**
 * vars (deprecated, still honoured): `$(NAME)` in container commands, args and env values is
 * replaced by a field of the object a var names (objref + fieldref, default metadata.name), read
 * once every transformer has run.
 */
import { KustomizeError, isObj, kindOf, knownAs, type Obj, type Resource } from './types';
import { containersOf, podSpecs } from './workloads';

interface Var {
  name?: string;
  objref?: { kind?: string; name?: string; apiVersion?: string };
  fieldref?: { fieldpath?: string };
}

function field(obj: unknown, path: string): unknown {
  let cur = obj;
  for (const p of path.split('.')) {
    if (!isObj(cur)) return undefined;
    cur = cur[p];
  }
  return cur;
}

/** Replace the vars; returns the names of vars that nothing used (kustomize logs them). */
export function runVars(list: unknown, resources: Resource[]): string[] {
  const vars = (Array.isArray(list) ? list : []) as Var[];
  if (!vars.length) return [];
  const values = new Map<string, string>();
  for (const v of vars) {
    const target = resources.find((r) => kindOf(r.obj) === v.objref?.kind && knownAs(r, v.objref?.name));
    if (!target) throw new KustomizeError(`var '${v.name}' cannot be mapped to a field in the set of known resources`);
    const value = field(target.obj, v.fieldref?.fieldpath ?? 'metadata.name');
    values.set(String(v.name), typeof value === 'string' ? value : JSON.stringify(value ?? ''));
  }
  const used = new Set<string>();
  const expand = (s: unknown) =>
    typeof s === 'string'
      ? s.replace(/\$\(([A-Za-z0-9_.-]+)\)/g, (m, n: string) => {
          if (!values.has(n)) return m;
          used.add(n);
          return values.get(n)!;
        })
      : s;
  for (const r of resources) {
    for (const spec of podSpecs(r.obj)) {
      for (const c of containersOf(spec)) {
        if (Array.isArray(c.command)) c.command = c.command.map(expand);
        if (Array.isArray(c.args)) c.args = c.args.map(expand);
        for (const e of (Array.isArray(c.env) ? c.env : []) as Obj[]) if (isObj(e) && 'value' in e) e.value = expand(e.value);
      }
    }
  }
  return vars.map((v) => String(v.name)).filter((n) => !used.has(n));
}
