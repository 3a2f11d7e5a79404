/**
 * Flow control between the worker and the page's screen: a program that writes without end to
 * the terminal (`yes`) waits while the page has not drawn much of its output, as a real pty makes
 * a writer wait for a slow terminal; acknowledgements let it go on; Ctrl-C still ends it.
 */
import { describe, expect, it } from 'vitest';
import type { WorkerToPage } from '../../src/terminal/worker/protocol';
import { OUTPUT_HIGH_WATER, TerminalHost } from '../../src/terminal/worker/terminal-host';

const turns = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function setup() {
  const messages: WorkerToPage[] = [];
  const host = new TerminalHost((m) => messages.push(m), { setInterval: () => 0, clearInterval: () => undefined, now: () => 0 });
  const output = () => messages.filter((m) => m.type === 'output').map((m) => (m as { data: string }).data).join('');
  return { host, messages, output };
}

describe('terminal output flow control', () => {
  it('holds back endless output until the page says it drew it, and Ctrl-C ends the writer', async () => {
    const { host, output } = setup();
    await host.handle({ type: 'init', scenario: 'machines', host: 'cka01', cols: 80, rows: 24, histories: {} });
    // This page acknowledges what it draws.
    await host.handle({ type: 'ack', chars: output().length });
    await host.handle({ type: 'data', data: 'yes\r' });
    await turns(150);
    const held = output().length;
    // At most the high-water mark and one chunk of yes beyond it waits for the page.
    expect(held).toBeGreaterThan(OUTPUT_HIGH_WATER / 2);
    expect(held).toBeLessThanOrEqual(OUTPUT_HIGH_WATER + 8 * 1024);
    await turns(100);
    expect(output().length).toBe(held);
    // The page drew it all: yes goes on.
    await host.handle({ type: 'ack', chars: held });
    await turns(50);
    expect(output().length).toBeGreaterThan(held);
    await host.handle({ type: 'ack', chars: output().length });
    await host.handle({ type: 'data', data: '\x03' });
    await turns(50);
    // ^C, a new line and the prompt, as bash shows them after an interrupted command.
    expect(output()).toMatch(/y\r\n\^C\r\n.*root@cka01:~# /s);
    expect(output().slice(output().lastIndexOf('^C'))).not.toContain('y\r\n');
    host.stop();
  });

  it('does not hold back output for a page that never acknowledges (no flow control)', async () => {
    const { host, output } = setup();
    await host.handle({ type: 'init', scenario: 'machines', host: 'cka01', cols: 80, rows: 24, histories: {} });
    await host.handle({ type: 'data', data: 'seq 100000\r' });
    // Nothing acknowledges, yet all of it comes: wait for the last line (however busy the machine).
    for (let waited = 0; waited < 20_000 && !output().includes('\r\n100000\r\n'); waited += 50) await turns(50);
    expect(output()).toContain('\r\n100000\r\n');
    host.stop();
  });
});
