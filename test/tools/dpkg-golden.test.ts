/**
 * dpkg and dpkg-query on cka01 of the `cluster` scenario against the real dpkg 1.21 answering from
 * the same package database (test/golden/dpkg, recorded by scripts/dpkg/record.ts): each case's
 * stdout, stderr and exit status must be the real ones.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../src/runtime/session';
import type { World } from '../../src/sim/world';

interface GoldenCase {
  command: string;
  exit: number;
  stdout: string;
  stderr: string;
}

const dir = join(__dirname, '..', 'golden', 'dpkg');
const cases = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => ({ file: f, ...(JSON.parse(readFileSync(join(dir, f), 'utf8')) as GoldenCase) }));

describe('dpkg against the real dpkg 1.21', () => {
  let world: World;
  beforeAll(() => {
    world = bootWorld('cluster');
  });

  it('has recorded cases', () => {
    expect(cases.length).toBeGreaterThan(100);
  });

  it.each(cases)('$file: $command', async (c) => {
    const r = await runScript(world, 'cka01', c.command);
    expect({ stdout: r.stdout, stderr: r.stderr, exit: r.status }).toEqual({ stdout: c.stdout, stderr: c.stderr, exit: c.exit });
  });
});
