/**
 * Golden tests: every case recorded from the real kubectl 1.33 (scripts/golden/kubectl-record.ts)
 * must come out of the simulated kubectl byte for byte (klog timestamps and PIDs masked).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MemFs } from './_memfs';
import { runKubectl } from './_run';
import { tableTransport } from './_fake-transport';
import { SimClock } from '../../src/sim/clock';
import type { ApiTransport } from '../../src/sim/apiserver/types';

const goldenDir = join(__dirname, '..', 'golden', 'kubectl');
const inputs = join(goldenDir, '_inputs');

interface Golden {
  command: string;
  setup: 'refused' | 'none' | 'disco' | 'multi';
  exit: number;
  stdout: string;
  stderr: string;
  files?: Record<string, string>;
}

function copyInto(fs: MemFs, from: string, to: string): void {
  for (const name of readdirSync(from)) {
    const src = join(from, name);
    if (statSync(src).isDirectory()) {
      fs.mkdir(`${to}/${name}`, { recursive: true });
      copyInto(fs, src, `${to}/${name}`);
    } else fs.writeFile(`${to}/${name}`, readFileSync(src, 'utf8'));
  }
}

function mask(s: string): string {
  return s.replace(/^[IWE]\d{4} \d\d:\d\d:\d\d\.\d{6} +\d+ /gm, 'K0000 00:00:00.000000 PID ');
}

export function fsFor(setup: Golden['setup']): MemFs {
  const fs = new MemFs('/root');
  fs.mkdir('/root/work', { recursive: true });
  copyInto(fs, join(inputs, 'work'), '/root/work');
  if (setup === 'refused') fs.writeFile('/root/kc', readFileSync(join(inputs, 'kubeconfig-refused'), 'utf8'));
  if (setup === 'disco') fs.writeFile('/root/kc', readFileSync(join(inputs, 'kubeconfig-disco'), 'utf8'));
  if (setup === 'multi') fs.writeFile('/root/kc', readFileSync(join(inputs, 'kubeconfig-multi'), 'utf8'));
  return fs;
}

const groups = readdirSync(goldenDir).filter((d) => !d.startsWith('_') && statSync(join(goldenDir, d)).isDirectory());
for (const group of groups) {
  describe(`kubectl golden: ${group}`, () => {
    for (const file of readdirSync(join(goldenDir, group)).filter((f) => f.endsWith('.json'))) {
      const g = JSON.parse(readFileSync(join(goldenDir, group, file), 'utf8')) as Golden;
      it(`${file}: ${g.command}`, async () => {
        const fs = fsFor(g.setup);
        const env: Record<string, string> = g.setup === 'none' ? { HOME: '/root/home' } : { KUBECONFIG: 'kc', HOME: '/root/home' };
        const clock = new SimClock();
        const transports: Record<string, ApiTransport> = g.setup === 'disco' ? { 'http://127.0.0.1:18080': tableTransport(clock.now()) } : {};
        const r = await runKubectl(g.command, { fs, env, transports, clock });
        // The recorder strips its temporary directory (our /root) from what kubectl prints, e.g. the
        // home in `kubectl options`' --cache-dir; strip ours the same way.
        const relative = (s: string) => s.split('/root/').join('');
        expect({ stdout: mask(relative(r.stdout)), stderr: mask(relative(r.stderr)), exit: r.exit }).toEqual({
          stdout: mask(g.stdout),
          stderr: mask(g.stderr),
          exit: g.exit,
        });
        for (const [path, content] of Object.entries(g.files ?? {})) expect(relative(fs.readFile(`/root/${path}`))).toBe(content);
      });
    }
  });
}
