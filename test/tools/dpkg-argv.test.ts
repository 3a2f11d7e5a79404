/**
 * dpkg-query's and dpkg's option parsing and dispatch against the real ones on 700 random command
 * lines drawn from their options, actions and arguments (test/golden/dpkg-argv, recorded by
 * scripts/dpkg/record-argv.ts from the same database as cka01's).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../src/runtime/session';
import type { World } from '../../src/sim/world';

const cases = JSON.parse(readFileSync(join(__dirname, '..', 'golden', 'dpkg-argv', 'cases.json'), 'utf8')) as Array<{ program: string; argv: string[]; exit: number; stdout: string; stderr: string }>;

const quote = (word: string) => `'${word.replace(/'/g, `'\\''`)}'`;

describe('dpkg-query and dpkg on random command lines', () => {
  let world: World;
  beforeAll(() => {
    world = bootWorld('cluster');
  });

  it('answers each as the real one', async () => {
    const wrong: unknown[] = [];
    for (const c of cases) {
      const r = await runScript(world, 'cka01', [c.program, ...c.argv].map(quote).join(' '));
      const got = { exit: r.status, stdout: r.stdout, stderr: r.stderr };
      const want = { exit: c.exit, stdout: c.stdout, stderr: c.stderr };
      if (JSON.stringify(got) !== JSON.stringify(want)) wrong.push({ argv: c.argv, got, want });
    }
    expect(wrong.slice(0, 8)).toEqual([]);
  }, 120_000);
});
