/**
 * The chapter's early terminal start: the build fills the chunk URLs into the early script's data
 * attributes (scripts/site/early-worker-url.ts), and the pane's module script adopts the worker
 * that script started when it runs the same world (src/terminal/page/early-worker.ts).
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fillEarlyChunks, findEarlyChunks } from '../../scripts/site/early-worker-url';
import { adoptEarlyWorker, EARLY_WORKER_GLOBAL, MOUNT_URL_PLACEHOLDER, WORKER_URL_PLACEHOLDER, type EarlyWorker } from '../../src/terminal/page/early-worker';

function distWith(files: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'cka-dist-'));
  mkdirSync(join(dir, '_astro'));
  for (const f of files) writeFileSync(join(dir, '_astro', f), '');
  return dir;
}

describe('early chunk URLs', () => {
  it('finds the worker and the screen chunk and fills both attributes', () => {
    const dir = distWith(['shell-worker-AbC_12-x.js', 'mount.Xy9_k.js', 'mount.Q1.css', 'kubectl-Zz.js']);
    const urls = findEarlyChunks(dir, '/', '_astro');
    expect(urls.get(WORKER_URL_PLACEHOLDER)).toBe('/_astro/shell-worker-AbC_12-x.js');
    expect(urls.get(MOUNT_URL_PLACEHOLDER)).toBe('/_astro/mount.Xy9_k.js');
    const html = `<script data-cka-early-worker data-url="${WORKER_URL_PLACEHOLDER}" data-mount="${MOUNT_URL_PLACEHOLDER}">(function(){})()</script>`;
    expect(fillEarlyChunks(html, urls)).toBe('<script data-cka-early-worker data-url="/_astro/shell-worker-AbC_12-x.js" data-mount="/_astro/mount.Xy9_k.js">(function(){})()</script>');
  });

  it('honours the base path', () => {
    const urls = findEarlyChunks(distWith(['shell-worker-a.js', 'mount.b.js']), '/cka', '_astro');
    expect([...urls.values()]).toEqual(['/cka/_astro/shell-worker-a.js', '/cka/_astro/mount.b.js']);
  });

  it('leaves a placeholder when its chunk is missing or ambiguous (the page then starts late)', () => {
    const urls = findEarlyChunks(distWith(['shell-worker-a.js', 'shell-worker-b.js', 'mount.c.js']));
    expect(urls.has(WORKER_URL_PLACEHOLDER)).toBe(false);
    expect(urls.has(MOUNT_URL_PLACEHOLDER)).toBe(true);
    expect(findEarlyChunks('/nonexistent-dist').size).toBe(0);
  });
});

describe('adopting the early worker', () => {
  function windowWith(init: EarlyWorker['init']) {
    const terminated: string[] = [];
    const worker = { terminate: () => terminated.push('yes') } as unknown as Worker;
    const win = { [EARLY_WORKER_GLOBAL]: { worker, early: [{ type: 'output', data: 'x' }], init } } as unknown as Window;
    return { win, worker, terminated };
  }
  const init = { type: 'init' as const, scenario: 'cluster', host: 'cka01', cols: 80, rows: 24, histories: {} };

  it('hands over the worker and what it already sent when the world is the same, once', () => {
    const { win, worker, terminated } = windowWith(init);
    const adopted = adoptEarlyWorker(win, { scenario: 'cluster', host: 'cka01' });
    expect(adopted?.worker).toBe(worker);
    expect(adopted?.early).toEqual([{ type: 'output', data: 'x' }]);
    expect(terminated).toEqual([]);
    expect(adoptEarlyWorker(win, { scenario: 'cluster', host: 'cka01' })).toBeUndefined();
  });

  it('stops a worker started for another world (a lab chosen meanwhile) and lets the page start its own', () => {
    const { win, terminated } = windowWith(init);
    expect(adoptEarlyWorker(win, { scenario: 'cluster', lab: 'rbac-basics', host: 'cka01' })).toBeUndefined();
    expect(terminated).toEqual(['yes']);
  });

  it('does nothing without an early worker', () => {
    expect(adoptEarlyWorker({} as Window, { scenario: 'cluster', host: 'cka01' })).toBeUndefined();
  });
});

describe('adopting the screen mounted early', () => {
  it('hands the early screen over once, and tells whether the early worker still waits', async () => {
    const { adoptEarlyTerminal, pendingEarlyWorker, EARLY_TERMINAL_GLOBAL, EARLY_WORKER_GLOBAL } = await import('../../src/terminal/page/early-worker');
    const waiting = { worker: {}, early: [], init: { type: 'init', scenario: 'cluster', lab: 'rbac-basics', host: 'cka01', cols: 80, rows: 24, histories: {} } };
    const win = { [EARLY_TERMINAL_GLOBAL]: { mounted: 'screen', link: 'link', lab: 'rbac-basics' }, [EARLY_WORKER_GLOBAL]: waiting } as unknown as Window;
    expect(pendingEarlyWorker(win)).toBe(waiting);
    expect(adoptEarlyTerminal(win)).toEqual({ mounted: 'screen', link: 'link', lab: 'rbac-basics' });
    expect(adoptEarlyTerminal(win)).toBeUndefined();
    (win as unknown as Record<string, unknown>)[EARLY_WORKER_GLOBAL] = undefined;
    expect(pendingEarlyWorker(win)).toBeUndefined();
  });
});

describe('the early script in EarlyTerminal.astro', () => {
  // A classic inline script cannot import: it repeats a few constants, which must stay those of the modules.
  it('uses the storage keys, the wide-screen query and the cell size of the modules it stands in for', async () => {
    const { readFileSync } = await import('node:fs');
    const { HISTORY_PREFIX } = await import('../../src/terminal/page/history-store');
    const { WIDTH_STORAGE_KEY, WIDE_QUERY } = await import('../../src/components/chapter/split-client');
    const { CELL } = await import('../../src/terminal/page/start-worker');
    const astro = readFileSync('src/components/chapter/EarlyTerminal.astro', 'utf8');
    const split = readFileSync('src/components/chapter/ChapterSplit.astro', 'utf8');
    const script = /<script\s+is:inline\s+data-cka-early-worker[\s\S]*?<\/script>/.exec(astro)?.[0] ?? '';
    expect(script).toContain(`localStorage.getItem('${WIDTH_STORAGE_KEY}')`);
    expect(script).toContain(`key.indexOf('${HISTORY_PREFIX}') !== 0`);
    expect(script).toContain(`key.slice(${HISTORY_PREFIX.length})`);
    expect(script).toContain(`matchMedia('${WIDE_QUERY}')`);
    expect(script).toContain(`/ ${CELL.width})`);
    expect(script).toContain(`/ ${CELL.height})`);
    const { startedKey } = await import('../../src/components/labs/events');
    expect(script).toContain(`localStorage.getItem('${startedKey('')}' + labs[j]) === '1'`);
    // The globals it shares with early-worker.ts and the script after the pane.
    const globals = await import('../../src/terminal/page/early-worker');
    expect(script).toContain(`window.${globals.EARLY_WORKER_GLOBAL} =`);
    expect(script).toContain(`window.${globals.PANE_PARSED_GLOBAL})`);
    expect(script).toContain(`var mountEarly = window.${globals.MOUNT_EARLY_GLOBAL};`);
    expect(script).toContain(`window.${globals.MOUNT_WHEN_PARSED_GLOBAL} = mountEarly`);
    const after = /<script\s+is:inline\s+data-cka-pane-parsed>([\s\S]*?)<\/script>/.exec(split)?.[1] ?? '';
    expect(after).toContain(`window.${globals.PANE_PARSED_GLOBAL} = true;`);
    expect(after).toContain(`window.${globals.MOUNT_WHEN_PARSED_GLOBAL}()`);
    // …and the pane's markup comes before the script that says it is parsed.
    expect(split.indexOf('<TerminalPane')).toBeLessThan(split.indexOf('data-cka-pane-parsed'));
  });
});
