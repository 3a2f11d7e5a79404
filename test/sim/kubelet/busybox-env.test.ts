/**
 * `env` in a container lists the environment in the order the runtime built it, not sorted:
 * containerd's CRI plugin starts from the default PATH (oci.WithDefaultPathEnv), appends HOSTNAME,
 * then the image's Env and the kubelet's variables, replacing in place a variable already there
 * (internal/cri/server/container_create.go:701-737, pkg/oci/spec_opts.go replaceOrAppendEnvValues);
 * an exec with a terminal adds TERM=xterm (internal/cri/server/container_execsync.go:141-145);
 * runc adds HOME when unset. The kubelet lists the declared variables, then the service links the
 * container did not set (pkg/kubelet/kubelet_pods.go makeEnvironmentVariables).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../../src/runtime/session';
import type { World } from '../../../src/sim/world';
import { processEnvironment } from '../../../src/sim/kubelet/process-env';

let world: World;
const run = (script: string) => runScript(world, 'cka01', script);

const MANIFEST = `
apiVersion: v1
kind: Pod
metadata: { name: bb }
spec:
  containers:
  - name: bb
    image: busybox:1.36
    command: [sleep, '3600']
    env:
    - { name: MODE, value: fast }
    - { name: KUBERNETES_SERVICE_PORT, value: '8443' }
    - { name: HOME, value: /data }
`;

beforeAll(async () => {
  world = bootWorld('cluster');
  const r = await run(`cat > /root/bb.yaml <<'EOF'\n${MANIFEST}\nEOF\nkubectl apply -f /root/bb.yaml\nsleep 30\nkubectl get pods --no-headers`);
  expect(r.stdout).toMatch(/bb +1\/1 +Running/);
}, 60_000);

describe('env in a container', () => {
  it('lists PATH, HOSTNAME, the declared variables, the other service links; HOME set by the Pod stays', async () => {
    const r = await run('kubectl exec bb -- env');
    const names = r.stdout.trim().split('\n').map((l) => l.slice(0, l.indexOf('=')));
    expect(names.slice(0, 5)).toEqual(['PATH', 'HOSTNAME', 'MODE', 'KUBERNETES_SERVICE_PORT', 'HOME']);
    expect(names.slice(5).sort()).toEqual([
      'KUBERNETES_PORT', 'KUBERNETES_PORT_443_TCP', 'KUBERNETES_PORT_443_TCP_ADDR', 'KUBERNETES_PORT_443_TCP_PORT',
      'KUBERNETES_PORT_443_TCP_PROTO', 'KUBERNETES_SERVICE_HOST', 'KUBERNETES_SERVICE_PORT_HTTPS',
    ]);
    expect(r.stdout).toContain('HOME=/data\n');
    expect(r.stdout).toContain('KUBERNETES_SERVICE_PORT=8443\n');
    expect(r.stdout.startsWith('PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\nHOSTNAME=bb\n')).toBe(true);
  });
});

describe('processEnvironment', () => {
  it('appends TERM for a terminal, then HOME from passwd when nothing set it', () => {
    const env = processEnvironment({ hostname: 'bb', kubeletEnv: { MODE: 'fast', HOSTNAME: 'bb' }, tty: true, home: '/root' });
    expect(Object.entries(env)).toEqual([
      ['PATH', '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'],
      ['HOSTNAME', 'bb'],
      ['MODE', 'fast'],
      ['TERM', 'xterm'],
      ['HOME', '/root'],
    ]);
  });

  it('TERM=xterm replaces a TERM the Pod set, in its place', () => {
    const env = processEnvironment({ hostname: 'bb', kubeletEnv: { TERM: 'dumb', MODE: 'fast' }, tty: true, home: '/root' });
    expect(Object.keys(env)).toEqual(['PATH', 'HOSTNAME', 'TERM', 'MODE', 'HOME']);
    expect(env.TERM).toBe('xterm');
  });
});
