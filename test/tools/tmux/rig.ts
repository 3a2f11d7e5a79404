/**
 * A learner's terminal on a booted world, in headless xterm: the real session, line editor and
 * program table, so `tmux` runs as it does in the page. The screen is what the learner sees.
 */
import { bootWorld, openSystemSession } from '../../../src/runtime/session';
import { sessionBackend } from '../../../src/terminal/session-backend';
import { startController } from '../../terminal/support/headless';
import type { World } from '../../../src/sim/world';
import type { Session } from '../../../src/shell/session';

export async function openTerminal(options: { world?: World; host?: string; user?: string; cols?: number; rows?: number; session?: Session } = {}) {
  const world = options.world ?? bootWorld('machines', 1);
  const session = options.session ?? openSystemSession(world, { host: options.host ?? 'cka01', user: options.user ?? 'root', columns: options.cols ?? 80 });
  await session.ready;
  const { rig, controller } = startController(sessionBackend(session), { cols: options.cols ?? 80, rows: options.rows ?? 24 });
  /** Let commands, pane shells and both emulators settle. */
  const settle = async () => {
    for (let i = 0; i < 12; i++) await rig.flush();
  };
  const type = async (data: string) => {
    rig.type(data);
    await settle();
  };
  await settle();
  const lines = () => rig.screen().split('\n');
  /** The bottom row of the screen (tmux's status line while attached). */
  const statusLine = () => {
    const b = rig.term.buffer.active;
    return (b.getLine(b.viewportY + rig.term.rows - 1)?.translateToString(true) ?? '').replace(/\s+$/, '');
  };
  return { world, session, rig, controller, type, settle, lines, statusLine };
}

/** Wait (letting everything settle) until the screen satisfies a condition; fails after a while. */
export async function until(t: { settle(): Promise<void>; rig: { screen(): string } }, ok: (screen: string) => boolean, what = 'the screen'): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (ok(t.rig.screen())) return;
    await t.settle();
  }
  throw new Error(`timed out waiting for ${what}:\n${t.rig.screen()}`);
}

/** Start tmux on the terminal and wait for its status line. */
export async function startTmux(t: Awaited<ReturnType<typeof openTerminal>>, command = 'tmux'): Promise<void> {
  await t.type(`${command}\r`);
  await until(t, () => /^\[[^\]]+\] /.test(t.statusLine()), 'the status line');
  await t.settle();
}
