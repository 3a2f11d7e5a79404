import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { lookupImage, normalizeImage } from '../../../src/sim/runtime/images';
import { behaviourOf, logsUntil } from '../../../src/sim/runtime/behaviour';
import { computeHash, safeEncodeString } from '../../../src/sim/controllers/machinery/hash';

describe('image references', () => {
  it('normalise like containerd', () => {
    expect(normalizeImage('nginx').full).toBe('docker.io/library/nginx:latest');
    expect(normalizeImage('nginx:1.27').full).toBe('docker.io/library/nginx:1.27');
    expect(normalizeImage('bitnami/redis:7').full).toBe('docker.io/bitnami/redis:7');
    expect(normalizeImage('registry.k8s.io/pause:3.10').full).toBe('registry.k8s.io/pause:3.10');
    expect(normalizeImage('localhost:5000/app').full).toBe('localhost:5000/app:latest');
  });

  it('normalising a normalised reference changes nothing (property)', () => {
    const name = fc.stringMatching(/^[a-z][a-z0-9]{0,8}$/);
    fc.assert(
      fc.property(fc.option(name, { nil: undefined }), name, fc.option(fc.stringMatching(/^[a-z0-9][a-z0-9.-]{0,6}$/), { nil: undefined }), (ns, repo, tag) => {
        const ref = `${ns ? `${ns}/` : ''}${repo}${tag ? `:${tag}` : ''}`;
        const once = normalizeImage(ref);
        expect(normalizeImage(once.full)).toEqual(once);
      }),
    );
  });

  it('fail to pull unknown tags and repositories with containerd texts', () => {
    expect(lookupImage('nginx:nope')).toEqual({
      ok: false,
      message: 'rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:nope": failed to resolve reference "docker.io/library/nginx:nope": docker.io/library/nginx:nope: not found',
    });
    const r = lookupImage('nginxx');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toContain('pull access denied, repository does not exist or may require authorization');
    expect(lookupImage('busybox:1.36')).toMatchObject({ ok: true, image: { ref: { full: 'docker.io/library/busybox:1.36' } } });
  });
});

describe('container behaviour', () => {
  it('follows the command', () => {
    expect(behaviourOf({ image: 'busybox', command: ['sleep', '30'] })).toMatchObject({ exitAfterMs: 30_000, exitCode: 0, termExitMs: Infinity });
    expect(behaviourOf({ image: 'busybox', command: ['sh', '-c', 'echo hi; exit 3'] })).toMatchObject({ exitAfterMs: 0, exitCode: 3 });
    expect(behaviourOf({ image: 'nginx' }).ports).toEqual([80]);
    expect(behaviourOf({ image: 'nginx' }).exitAfterMs).toBeUndefined();
    expect(behaviourOf({ image: 'busybox' })).toMatchObject({ exitAfterMs: 0, exitCode: 0 });
    expect(behaviourOf({ image: 'nginx', command: ['nginxx'] }).startError).toContain('exec: "nginxx": executable file not found in $PATH');
    // Every applet of the busybox image starts (a node-debugging Pod's `chroot /host …`); a name it lacks does not.
    for (const prog of ['chroot', 'uname', 'nproc', 'route']) expect(behaviourOf({ image: 'busybox:1.36', command: [prog, '/host'] }).startError).toBeUndefined();
    expect(behaviourOf({ image: 'busybox:1.36', command: ['bash'] }).startError).toContain('exec: "bash": executable file not found in $PATH');
    // nginx's entrypoint configures only for `nginx`; other args are exec'd as they are (Debian has no procps).
    expect(behaviourOf({ image: 'nginx:1.27', args: ['sleep', '3600'] })).toMatchObject({ exitAfterMs: 3_600_000, ports: [] });
    expect(behaviourOf({ image: 'nginx:1.27', args: ['nginx', '-g', 'daemon off;'] }).ports).toEqual([80]);
    expect(behaviourOf({ image: 'nginx:1.27', args: ['ps'] }).startError).toContain('exec: "ps": executable file not found in $PATH');
    expect(behaviourOf({ image: 'redis:7', args: ['--appendonly', 'yes'] }).ports).toEqual([6379]);
  });

  it('derives the logs of a loop from the start time', () => {
    const b = behaviourOf({ image: 'busybox', command: ['sh', '-c', 'echo start; while true; do echo tick; sleep 5; done'] });
    expect(logsUntil(b, 0, 12_000).map((l) => `${l.at} ${l.line}`)).toEqual(['0 start', '0 tick', '5000 tick', '10000 tick']);
  });
});

describe('template hashes', () => {
  it('encode FNV-32a decimal digits into the name alphabet, stable per template', () => {
    // Digits map to the ten characters real pod-template-hashes are made of.
    expect(safeEncodeString('0123456789')).toBe('456789bcdf');
    const t = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } };
    expect(computeHash(t)).toBe(computeHash(JSON.parse(JSON.stringify(t))));
    expect(computeHash(t)).toMatch(/^[456789bcdf]{6,10}$/);
    expect(computeHash(t, 1)).not.toBe(computeHash(t));
  });
});
