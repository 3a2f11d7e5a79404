/**
 * A shallow copy of `o` without `a` (and `b`), its other own keys in their order: what
 * `const { [a]: _, ...rest } = o` gives, written out because V8 runs rest destructuring through a
 * generic runtime copy several times slower (1 µs against 0.13 for an ObjectMeta), and the API
 * server and the event recorders do this at every write.
 */
export function omit<T extends object>(o: T, a: keyof T & string, b?: keyof T & string): T {
  const out: Record<string, unknown> = {};
  for (const k in o) if (k !== a && k !== b && Object.prototype.hasOwnProperty.call(o, k)) out[k] = o[k];
  // Typed as T: callers omit optional keys (resourceVersion) or ones they set again at once.
  return out as T;
}
