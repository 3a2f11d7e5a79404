import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { freshWorld, run } from './helpers';

/** Cases recorded from real glibc getent by test/tools/golden/getent/record.sh. */
interface Case {
  args: string;
  stdout: string;
  stderr: string;
  status: number;
}

function recorded(): Case[] {
  const dir = new URL('./golden/getent/', import.meta.url);
  return readFileSync(new URL('cases.txt', dir), 'utf8')
    .split('%%\n')
    .filter((b) => b.trim())
    .map((block) => {
      const lines = block.split('\n').filter((l, i, all) => i < all.length - 1 || l);
      const args = lines[0].replace(/^\$ getent ?/, '');
      const rcAt = lines.findIndex((l) => /^rc=\d+$/.test(l));
      const stdout = lines.slice(1, rcAt).map((l) => `${l}\n`).join('');
      const stderr = lines.slice(rcAt + 1).map((l) => `${l.replace(/^! /, '')}\n`).join('');
      return { args, stdout, stderr, status: Number(lines[rcAt].slice(3)) };
    });
}

describe('getent', () => {
  const hostsFile = readFileSync(new URL('./golden/getent/hosts', import.meta.url), 'utf8');
  const cases = recorded().filter((c) => !/^(passwd|group)/.test(c.args));

  for (const c of cases) {
    it(`getent ${c.args} prints what glibc prints`, async () => {
      const w = freshWorld();
      w.machines.get('cka01')!.rootFs.writeFile('/etc/hosts', hostsFile);
      const r = await run(w, `getent ${c.args}`);
      expect({ stdout: r.stdout, stderr: r.stderr, status: r.status }).toEqual({ stdout: c.stdout, stderr: c.stderr, status: c.status });
    });
  }

  it('passwd and group by name or number, 2 for a missing key', async () => {
    const w = freshWorld();
    const r = await run(w, 'getent passwd ubuntu 0; getent group sudo; getent passwd nobodyx; echo rc=$?');
    expect(r.stdout).toBe('ubuntu:x:1000:1000:Ubuntu:/home/ubuntu:/bin/bash\nroot:x:0:0:root:/root:/bin/bash\nsudo:x:27:ubuntu\nrc=2\n');
  });

  it('shadow is only readable by root', async () => {
    const w = freshWorld();
    expect((await run(w, 'getent shadow root | cut -d: -f1')).stdout).toBe('root\n');
    const u = await run(w, 'getent shadow root; echo rc=$?', { user: 'ubuntu' });
    expect(u.stdout).toBe('rc=2\n');
  });

  it('product_uuid differs between machines and is root-only', async () => {
    const w = freshWorld();
    const a = (await run(w, 'cat /sys/class/dmi/id/product_uuid')).stdout;
    const b = (await run(w, 'cat /sys/class/dmi/id/product_uuid', { host: 'cka02' })).stdout;
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}\n$/);
    expect(a).not.toBe(b);
    const u = await run(w, 'cat /sys/class/dmi/id/product_uuid', { user: 'ubuntu' });
    expect(u.stderr).toBe('cat: /sys/class/dmi/id/product_uuid: Permission denied\n');
  });
});
