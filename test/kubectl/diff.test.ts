/** kubectl diff: unified diffs as GNU diff prints them (checked against the real diff program). */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { unifiedDiff } from '../../src/kubectl/util/unified-diff';
import { cluster } from './_cluster';

function gnuDiff(a: string, b: string): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'kdiff-'));
  writeFileSync(join(dir, 'a'), a);
  writeFileSync(join(dir, 'b'), b);
  try {
    execFileSync('diff', ['-u', '-N', join(dir, 'a'), join(dir, 'b')], { encoding: 'utf8' });
    return [];
  } catch (e) {
    return String((e as { stdout: string }).stdout).split('\n').slice(2, -1);
  }
}

describe('unifiedDiff', () => {
  // Objects print as YAML with distinct lines, so the longest common subsequence is unique; the
  // property covers edits of that kind (GNU diff breaks ties among equal-length ones its own way).
  it('prints the same hunks as diff -u when lines are distinct', () => {
    const edit = fc.array(fc.constantFrom('keep', 'drop', 'change', 'insert'), { minLength: 1, maxLength: 30 });
    fc.assert(
      fc.property(edit, (ops) => {
        const a: string[] = [];
        const b: string[] = [];
        ops.forEach((op, i) => {
          if (op !== 'insert') a.push(`line ${i}`);
          if (op === 'keep') b.push(`line ${i}`);
          if (op === 'change' || op === 'insert') b.push(`new ${i}`);
        });
        const ta = a.map((l) => l + '\n').join('');
        const tb = b.map((l) => l + '\n').join('');
        expect(unifiedDiff(ta, tb)).toEqual(gnuDiff(ta, tb));
      }),
      { numRuns: 200 },
    );
  });
});

describe('kubectl diff', () => {
  it('shows the change applying the file would make and exits 1', async () => {
    const c = cluster();
    c.fs.writeFile('/root/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata:\n  mode: one\n');
    await c.run('kubectl apply -f cm.yaml');
    expect((await c.run('kubectl diff -f cm.yaml')).exit).toBe(0);
    c.fs.writeFile('/root/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata:\n  mode: two\n');
    const r = await c.run('kubectl diff -f cm.yaml');
    expect(r.exit).toBe(1);
    expect(r.stdout).toMatch(/^diff -u -N \/tmp\/LIVE-\d+\/v1\.ConfigMap\.default\.app \/tmp\/MERGED-\d+\/v1\.ConfigMap\.default\.app\n/);
    expect(r.stdout).toContain('\n-  mode: one\n+  mode: two\n');
  });
});
