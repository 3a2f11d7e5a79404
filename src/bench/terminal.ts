/**
 * Terminal benchmarks:
 * - terminal.keystroke_echo: ms from a key reaching the line editor to the echoed character being
 *   on the (headless xterm) screen, median over many keys, with the real shell session behind it.
 * - terminal.prompt_ready_ms: ms from navigating to a chapter page in Chromium to the first
 *   prompt on its terminal, on a repeat visit (the booted world comes from the IndexedDB
 *   snapshot); terminal.prompt_ready_cold_ms: the same on a first visit, which builds the world.
 *   Both need the built site (dist/) and are skipped without it. Target ≤ 500 ms.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import xtermHeadless from '@xterm/headless';
import type { BenchResult } from '../cli/bench';
import { programs } from '../shell/commands/index';
import { shellProgramNames } from '../shell/index';
import { Session } from '../shell/session';
import { createWorld } from '../sim/create-world';
import type { Disposable, TerminalIO } from '../terminal/backend';
import { TerminalController } from '../terminal/controller';
import { terminalPrograms } from '../terminal/programs';
import { sessionBackend } from '../terminal/session-backend';
import { result } from './_measure';

const { Terminal } = xtermHeadless as unknown as typeof import('@xterm/headless');

async function keystrokeEcho(): Promise<number> {
  const world = createWorld('machines', { seed: 1, programs: [...shellProgramNames(), ...Object.keys(terminalPrograms)] });
  const session = new Session({ world, host: 'cka01', user: 'root', programs: { ...programs, ...terminalPrograms } });
  await session.ready;
  const term = new Terminal({ cols: 80, rows: 24, allowProposedApi: true });
  let listener: ((d: string) => void) | undefined;
  let written: Promise<void> = Promise.resolve();
  const io: TerminalIO = {
    cols: 80,
    rows: 24,
    write: (d) => {
      written = new Promise((r) => term.write(d, r));
    },
    onData: (l): Disposable => {
      listener = l;
      return { dispose: () => (listener = undefined) };
    },
  };
  const controller = new TerminalController(io, sessionBackend(session));
  controller.start();
  await written;
  const times: number[] = [];
  const text = 'kubectl get pods -n kube-system -o wide '.repeat(3);
  for (let round = 0; round < 3; round++) {
    for (const ch of text) {
      const t0 = performance.now();
      listener!(ch);
      await written;
      times.push(performance.now() - t0);
    }
    listener!('\x15');
    await written;
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

/** First visit (nothing cached) and repeat visits (the booted world restored from IndexedDB). */
async function promptReady(): Promise<{ cold: number; warm: number } | undefined> {
  const root = join(process.cwd(), 'dist');
  if (!existsSync(join(root, 'index.html')) || !existsSync('/usr/bin/chromium')) return undefined;
  const browserHelpers = '../../test/e2e/browser';
  const { startSite, launchBrowser } = (await import(browserHelpers)) as typeof import('../../test/e2e/browser');
  const site = await startSite();
  const browser = await launchBrowser();
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  try {
    const cold: number[] = [];
    const warm: number[] = [];
    for (let i = 0; i < 3; i++) {
      const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
      for (let visit = 0; visit < 3; visit++) {
        const page = await context.newPage();
        const t0 = Date.now();
        await page.goto(site.url(CHAPTER_PATH), { waitUntil: 'commit' });
        await page.waitForFunction(
          () => Array.from(document.querySelectorAll('[data-cka-term] .xterm-rows > div'), (r) => (r.textContent ?? '').replace(/\u00a0/g, ' ')).some((l) => /@\S+:.*[#$]\s*$/.test(l)),
          undefined,
          { timeout: 30_000, polling: 10 },
        );
        (visit === 0 ? cold : warm).push(Date.now() - t0);
        // Let the snapshot reach IndexedDB before the next visit.
        await page.waitForTimeout(visit === 0 ? 1500 : 100);
        await page.close();
      }
      await context.close();
    }
    return { cold: median(cold), warm: median(warm) };
  } finally {
    await browser.close();
    await site.close();
  }
}

/** A chapter whose terminal runs the default `cluster` scenario. */
const CHAPTER_PATH = '/architecture/';

export async function run(): Promise<BenchResult[]> {
  const out = [result('terminal.keystroke_echo', await keystrokeEcho(), 'ms')];
  const ready = await promptReady();
  if (ready !== undefined) {
    out.push(result('terminal.prompt_ready_ms', ready.warm, 'ms', 500));
    out.push(result('terminal.prompt_ready_cold_ms', ready.cold, 'ms'));
  }
  else console.error('bench terminal: dist/ or Chromium missing, terminal.prompt_ready_ms skipped');
  return out;
}
