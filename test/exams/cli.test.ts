import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';

const run = (...args: string[]) => spawnSync('node_modules/.bin/tsx', ['src/cli/exam.ts', ...args], { encoding: 'utf8', timeout: 120_000 });

describe('exam CLI', () => {
  it('rejects bad arguments with a usage line and status 2', () => {
    const r = run('grade', 'mock-1', '--seed', 'x');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('exam: --seed needs a non-negative integer, not "x"\nusage: npx tsx src/cli/exam.ts start|solve|grade EXAM');
    const unknown = run('start', 'mock-9');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/^exam: unknown exam: mock-9 \(known: .*mock-1.*\)\n$/);
  }, 60_000);

  it('starts an attempt of a given seed and prints its sheet', () => {
    const r = run('start', 'mock-1', '--seed', '3');
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(/^Mock CKA exam 1 — seed 3, \d+ questions, 120 minutes, pass at 66%, Kubernetes v1\.33\.4$/);
    expect(r.stdout).toMatch(/Question 1 \(weight \d+, .*\) — ssh cka\d{4}\n/);
  }, 120_000);
});
