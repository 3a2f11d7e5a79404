/**
 * Keys typed while a program's code is still loading (vim loads on first use) reach the program
 * once it runs, as keys typed into a real terminal wait in the tty for the program that reads them.
 */
import { describe, expect, it } from 'vitest';
import { programs } from '../../src/shell/commands/index';
import { Session } from '../../src/shell/session';
import { shellProgramNames } from '../../src/shell/index';
import { createWorld } from '../../src/sim/create-world';
import { terminalPrograms } from '../../src/terminal/programs';
import { sessionBackend } from '../../src/terminal/session-backend';
import { startController } from './support/headless';

describe('typing ahead of a program that is still loading', () => {
  it('vim gets every key typed right after its command line', async () => {
    const world = createWorld('machines', { seed: 1, programs: [...shellProgramNames(), ...Object.keys(terminalPrograms)] });
    const session = new Session({ world, host: 'cka01', user: 'root', programs: { ...programs, ...terminalPrograms } });
    await session.ready;
    const { rig, controller } = startController(sessionBackend(session), { cols: 80, rows: 24 });
    await rig.flush();
    // All at once, as a paste or a fast typist would: vim's code has not loaded yet.
    rig.type('vim notes.txt\r');
    rig.type('ihello from vim\x1b:wq\r');
    for (let i = 0; i < 500 && !world.resolveHost('cka01')!.rootFs.stat('/root/notes.txt'); i++) await new Promise((r) => setTimeout(r, 10));
    await controller.idle();
    expect(world.resolveHost('cka01')!.rootFs.readFile('/root/notes.txt')).toBe('hello from vim\n');
  }, 30_000);
});
