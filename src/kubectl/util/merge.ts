/** A strategic-merge-like deep merge for --overrides and patches: maps merge, lists of named items merge by name. */
export function deepMerge(target: unknown, patch: unknown): unknown {
  if (patch === null) return undefined;
  if (Array.isArray(patch)) {
    if (Array.isArray(target) && patch.every((p) => isNamed(p)) && target.every((t) => isNamed(t))) {
      const out = [...target];
      for (const p of patch) {
        const i = out.findIndex((t) => (t as { name: string }).name === (p as { name: string }).name);
        if (i >= 0) out[i] = deepMerge(out[i], p);
        else out.push(p);
      }
      return out;
    }
    return patch;
  }
  if (typeof patch !== 'object' || typeof target !== 'object' || target === null || Array.isArray(target)) return patch;
  const out: Record<string, unknown> = { ...(target as Record<string, unknown>) };
  for (const [k, v] of Object.entries(patch as Record<string, unknown>)) {
    const merged = deepMerge(out[k], v);
    if (merged === undefined) delete out[k];
    else out[k] = merged;
  }
  return out;
}

function isNamed(v: unknown): boolean {
  return typeof v === 'object' && v !== null && typeof (v as { name?: unknown }).name === 'string';
}
