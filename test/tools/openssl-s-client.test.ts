/**
 * `openssl s_client` against the simulated cluster, compared with the real s_client's output against
 * s_servers shaped like the cluster's Go servers (openssl-s-client-golden/record.ts). Whether Go's
 * session ticket arrives before s_client reads the end of its input is a race in the real program,
 * so the ticket block is compared on its own, against a recording where it came.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../src/runtime/session';
import { parseCase } from './openssl-golden/mask';
import { S_CLIENT_CASES } from './openssl-s-client-golden/cases';
import { maskSClientOutput } from './openssl-s-client-golden/mask';

const TICKET = /---\nPost-Handshake New Session Ticket arrived:\n[\s\S]*?read R BLOCK\n/;
const withoutTicket = (text: string) => text.replace(TICKET, '');
const golden = (name: string) => parseCase(readFileSync(join(import.meta.dirname, 'openssl-s-client-golden', `${name}.txt`), 'utf8'));

describe('openssl s_client matches the real s_client', async () => {
  const world = bootWorld('cluster');
  const results = new Map<string, { stdout: string; stderr: string; status: number }>();
  for (const c of S_CLIENT_CASES) results.set(c.name, await runScript(world, 'cka01', c.command));

  for (const c of S_CLIENT_CASES) {
    it(c.name, () => {
      const want = golden(c.name);
      expect(want.command).toBe(c.command);
      const got = results.get(c.name)!;
      expect(withoutTicket(maskSClientOutput(got.stdout))).toBe(withoutTicket(want.stdout));
      expect(withoutTicket(maskSClientOutput(got.stderr))).toBe(withoutTicket(want.stderr));
      expect(got.status).toBe(want.status);
    });
  }

  it("prints Go's session ticket in s_client's layout", () => {
    const recorded = TICKET.exec(golden('ticket').stdout)?.[0];
    const ours = TICKET.exec(maskSClientOutput(results.get('ticket')!.stdout))?.[0];
    expect(recorded).toBeDefined();
    // s_server's tickets live 7200 s; Go's maxSessionTicketLifetime is 7 days.
    expect(ours?.replace('lifetime hint: 604800', 'lifetime hint: 7200')).toBe(recorded);
  });
});

describe('openssl s_client on the cluster', () => {
  it('shows a renewed certificate', async () => {
    const world = bootWorld('cluster');
    const before = await runScript(world, 'cka01', 'openssl s_client -connect 192.168.6.171:6443 </dev/null 2>/dev/null | openssl x509 -noout -enddate');
    await runScript(world, 'cka01', 'kubeadm certs renew apiserver');
    const after = await runScript(world, 'cka01', 'openssl s_client -connect 192.168.6.171:6443 </dev/null 2>/dev/null | openssl x509 -noout -enddate');
    expect(after.stdout).toMatch(/^notAfter=/);
    expect(after.stdout).not.toBe(before.stdout);
  });

  it('reaches only what listens: the scheduler on loopback, not on the node address', async () => {
    const world = bootWorld('cluster');
    const r = await runScript(world, 'cka01', 'openssl s_client -connect 192.168.6.171:10259 </dev/null');
    expect(r.stderr).toMatch(/connect:errno=111\n$/);
    expect(r.status).toBe(1);
  });

  it('uses port 4433 when -connect names none', async () => {
    const world = bootWorld('cluster');
    const r = await runScript(world, 'cka01', 'openssl s_client -connect 127.0.0.1 </dev/null');
    expect(r.stderr).toMatch(/Connection refused/);
  });
});
