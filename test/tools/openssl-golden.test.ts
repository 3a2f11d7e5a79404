/**
 * openssl's output layouts against the real program's: the goldens in openssl-golden/ were recorded
 * from /usr/bin/openssl (record.ts) on certificates with the fields kubeadm writes; here the same
 * commands run in the simulator on simulated certificates with the same fields, and the outputs,
 * masked alike (random bytes, times, hashes), must be identical, stream for stream, with the status.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeCertificate, type Certificate } from '../../src/sim/pki/cert';
import { encodePrivateKey } from '../../src/sim/pki/key';
import type { World } from '../../src/sim/world';
import { freshWorld, run } from './helpers';
import { CASES, CERTS, type CertSpec } from './openssl-golden/cases';
import { maskOpensslOutput, parseCase } from './openssl-golden/mask';

const DAY_MS = 24 * 3600 * 1000;

function hex(world: World, bytes: number): string {
  return world.random.string(bytes * 2, '0123456789abcdef').replace(/^[89a-f]/, '1');
}

function simCertificate(world: World, spec: CertSpec, keyId: string): Certificate {
  const now = world.clock.now();
  return {
    serial: hex(world, 20),
    subject: { commonName: spec.commonName, organizations: spec.organizations },
    issuer: spec.isCA ? { commonName: spec.commonName, organizations: [] } : { commonName: 'kubernetes', organizations: [] },
    notBefore: now,
    notAfter: now + spec.days * DAY_MS,
    isCA: spec.isCA,
    dnsNames: spec.dnsNames,
    ipAddresses: spec.ipAddresses,
    usages: spec.usages,
    publicKey: { bits: 2048, id: keyId },
  };
}

/** A world with the golden certificates and keys in /root, as the recorder made them for real. */
function worldWithCertificates(): World {
  const world = freshWorld();
  const fs = world.machines.get('cka01')!.rootFs;
  for (const spec of CERTS) {
    const keyId = hex(world, 16);
    fs.writeFile(`/root/${spec.keyFile}`, encodePrivateKey({ bits: 2048, id: keyId }));
    fs.writeFile(`/root/${spec.file}`, encodeCertificate(simCertificate(world, spec, keyId)));
  }
  return world;
}

describe('openssl layouts match the real openssl', async () => {
  const world = worldWithCertificates();
  const results = new Map<string, { stdout: string; stderr: string; status: number }>();
  for (const c of CASES) results.set(c.name, await run(world, `cd /root\n${c.command}`));

  for (const c of CASES) {
    it(c.name, () => {
      const golden = parseCase(readFileSync(join(import.meta.dirname, 'openssl-golden', `${c.name}.txt`), 'utf8'));
      expect(golden.command).toBe(c.command);
      const got = results.get(c.name)!;
      expect(maskOpensslOutput(got.stdout)).toBe(golden.stdout);
      expect(maskOpensslOutput(got.stderr)).toBe(golden.stderr);
      expect(got.status).toBe(golden.status);
    });
  }
});
