/** Runs a script through the simulated shell as `bash -s` on a fresh `machines` world. */
import { createWorld } from '../../../src/sim/create-world';
import { World, type WorldJSON } from '../../../src/sim/world';
import { openSession, shellProgramNames } from '../../../src/shell/index';
import type { Tty } from '../../../src/shell/command';

let snapshot: WorldJSON | undefined;

/** A fresh world (restored from one snapshot: cheaper than building images each time). */
export function freshWorld(): World {
  snapshot ??= createWorld('machines', { seed: 1, programs: shellProgramNames() }).toJSON();
  return World.fromJSON(JSON.parse(JSON.stringify(snapshot)) as WorldJSON);
}

export interface RunResult {
  stdout: string;
  stderr: string;
  status: number;
}

export async function runScript(script: string, opts: { host?: string; user?: string; world?: World } = {}): Promise<RunResult> {
  const world = opts.world ?? freshWorld();
  let stdout = '';
  let stderr = '';
  const session = openSession(world, {
    host: opts.host ?? 'cka01',
    user: opts.user ?? 'root',
    mode: 'stdin',
    stdout: { write: (s) => void (stdout += s) },
    stderr: { write: (s) => void (stderr += s) },
  });
  await session.feed(script);
  const status = await session.finish();
  return { stdout, stderr, status };
}

/** A terminal stand-in that records what the session writes. */
export function fakeTty(): Tty & { text: string } {
  const t = {
    text: '',
    columns: 80,
    rows: 24,
    write(d: string) {
      t.text += d;
    },
    takeKeys() {
      return { release() {} };
    },
    onResize() {
      return { dispose() {} };
    },
  };
  return t;
}
