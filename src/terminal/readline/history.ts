/**
 * Command history of one shell, like bash's with Ubuntu's defaults: HISTCONTROL=ignoreboth
 * (lines starting with a space and repeats of the previous line are not kept), HISTSIZE=1000.
 * Persistence goes through an injected store so the core stays free of localStorage.
 */
export interface HistoryStore {
  load(key: string): string[];
  save(key: string, entries: string[]): void;
}

/** A store that keeps nothing beyond the process (tests, the headless CLI). */
export function memoryHistoryStore(): HistoryStore {
  const data = new Map<string, string[]>();
  return {
    load: (key) => [...(data.get(key) ?? [])],
    save: (key, entries) => void data.set(key, [...entries]),
  };
}

export const HISTSIZE = 1000;

export class History {
  private entries: string[];

  constructor(
    private readonly store: HistoryStore,
    private readonly key: string,
  ) {
    this.entries = store.load(key).slice(-HISTSIZE);
  }

  get length(): number {
    return this.entries.length;
  }

  at(index: number): string | undefined {
    return this.entries[index];
  }

  all(): readonly string[] {
    return this.entries;
  }

  add(line: string): void {
    const text = line.replace(/\n+$/, '');
    if (!text.trim() || /^\s/.test(text)) return;
    if (this.entries[this.entries.length - 1] === text) return;
    this.entries.push(text);
    if (this.entries.length > HISTSIZE) this.entries.splice(0, this.entries.length - HISTSIZE);
    this.store.save(this.key, this.entries);
  }

  /**
   * Reverse incremental search: the newest entry at or before `from` containing `query`, and the
   * position of the match in it (the last occurrence, as readline places the cursor).
   */
  searchBackward(query: string, from: number): { index: number; position: number } | undefined {
    for (let i = Math.min(from, this.entries.length - 1); i >= 0; i--) {
      const position = this.entries[i].lastIndexOf(query);
      if (position >= 0) return { index: i, position };
    }
    return undefined;
  }
}
