/** resource.Quantity parsing to a number (cores for cpu, bytes for memory), enough to compare and sum. */
const SUFFIX: Record<string, number> = {
  '': 1, n: 1e-9, u: 1e-6, m: 1e-3, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18,
  Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3, Ti: 1024 ** 4, Pi: 1024 ** 5, Ei: 1024 ** 6,
};

/** A number with at most one decimal point (apimachinery's parseQuantityString), then a suffix: '10.244.2.8' is none. */
export const QUANTITY_RE = /^([+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+))(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][-+]?[0-9]+)?$/;

export function isQuantity(s: string): boolean {
  return QUANTITY_RE.test(s);
}

/** NaN when not a quantity. */
export function parseQuantity(s: string | number): number {
  if (typeof s === 'number') return s;
  const m = s.trim().match(QUANTITY_RE);
  if (!m) return NaN;
  const n = Number(m[1]);
  const suf = m[2] ?? '';
  if (/^[eE]/.test(suf)) return n * 10 ** Number(suf.slice(1));
  return n * (SUFFIX[suf] ?? NaN);
}

/** Canonical form of a resource amount as the quota status shows it ("500m", "1", "128Mi", "10Gi"). */
export function formatQuantity(resource: string, value: number): string {
  const isCpu = /(^|\.)cpu$/.test(resource);
  if (isCpu) return Number.isInteger(value) ? String(value) : `${Math.round(value * 1000)}m`;
  if (/(^|\.)(memory|storage|ephemeral-storage)$/.test(resource)) {
    if (value === 0) return '0';
    for (const [suf, mul] of [['Ei', 1024 ** 6], ['Pi', 1024 ** 5], ['Ti', 1024 ** 4], ['Gi', 1024 ** 3], ['Mi', 1024 ** 2], ['Ki', 1024]] as const) {
      if (value >= mul && Number.isInteger(value / mul)) return `${value / mul}${suf}`;
    }
    for (const [suf, mul] of [['G', 1e9], ['M', 1e6], ['k', 1e3]] as const) {
      if (value >= mul && Number.isInteger(value / mul)) return `${value / mul}${suf}`;
    }
  }
  return Number.isInteger(value) ? String(value) : `${Math.round(value * 1000)}m`;
}
