/** Command history kept per machine and user across reloads, in localStorage. */
export const HISTORY_PREFIX = 'cka-lab:history:';
const PREFIX = HISTORY_PREFIX;

export function loadHistories(storage: Storage | undefined): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  if (!storage) return out;
  try {
    for (let i = 0; i < storage.length; i++) {
      const key = storage.key(i);
      if (!key?.startsWith(PREFIX)) continue;
      const entries = JSON.parse(storage.getItem(key) ?? '[]') as unknown;
      if (Array.isArray(entries)) out[key.slice(PREFIX.length)] = entries.filter((e): e is string => typeof e === 'string');
    }
  } catch {
    // Storage may be unavailable (private mode, quota): history then lives for the page only.
  }
  return out;
}

export function saveHistory(storage: Storage | undefined, key: string, entries: string[]): void {
  try {
    storage?.setItem(PREFIX + key, JSON.stringify(entries));
  } catch {
    // Quota exceeded or storage disabled: keep going without persistence.
  }
}
