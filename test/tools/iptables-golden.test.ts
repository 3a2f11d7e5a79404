/**
 * iptables, iptables-save and iptables-restore against the real programs: the goldens in
 * iptables-golden/ were recorded from Debian's iptables in a network namespace of its own
 * (record.ts, masked for the few places where 1.8.9 prints otherwise than Ubuntu 22.04's 1.8.7);
 * here the same scripts run on a simulated machine, and stdout, stderr and the status must match.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freshWorld, run } from './helpers';
import { CASES } from './iptables-golden/cases';
import { maskIptablesOutput } from './iptables-golden/mask';
import { parseCase } from './openssl-golden/mask';

describe('iptables matches the real iptables', () => {
  for (const c of CASES) {
    it(c.name, async () => {
      const golden = parseCase(readFileSync(join(import.meta.dirname, 'iptables-golden', `${c.name}.txt`), 'utf8'));
      const world = freshWorld();
      world.machines.get('cka01')!.rootFs.writeFile('/root/kube-proxy.rules', readFileSync(join(import.meta.dirname, 'iptables-golden', 'kube-proxy.rules'), 'utf8'));
      const got = await run(world, `cd /root\n${c.script}`);
      expect(maskIptablesOutput(got.stdout)).toBe(golden.stdout);
      expect(maskIptablesOutput(got.stderr)).toBe(golden.stderr);
      expect(got.status).toBe(golden.status);
    });
  }
});
