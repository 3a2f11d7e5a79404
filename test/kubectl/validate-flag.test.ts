/**
 * --validate as kubectl 1.33 reads it: a Go boolean or strict/warn/ignore, sent as fieldValidation
 * on the write (an unknown field fails, warns or is dropped); any other value fails first.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../src/runtime/session';
import type { World } from '../../src/sim/world';

let world: World;
const run = (script: string) => runScript(world, 'cka01', script);
const POD = (name: string) => `apiVersion: v1
kind: Pod
metadata: { name: ${name} }
spec:
  containers:
  - name: c
    image: nginx
    resource: { limits: { memory: 1Gi } }`;

beforeAll(() => {
  world = bootWorld('cluster');
});

describe('kubectl --validate', () => {
  it('strict (the default) refuses an unknown field', async () => {
    const r = await run(`kubectl create -f - <<'EOF'\n${POD('v1')}\nEOF`);
    expect(r.stderr).toBe('Error from server (BadRequest): error when creating "STDIN": Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.containers[0].resource"\n');
  });

  it('false, 0 and ignore drop it silently; warn drops it with the server\'s warning', async () => {
    const r = await run(`kubectl create --validate=false -f - <<'EOF'\n${POD('v2')}\nEOF
kubectl apply --validate=0 -f - <<'EOF'\n${POD('v3')}\nEOF
kubectl create --validate=warn -f - <<'EOF'\n${POD('v4')}\nEOF`);
    expect(r.stdout).toBe('pod/v2 created\npod/v3 created\npod/v4 created\n');
    expect(r.stderr).toBe('Warning: unknown field "spec.containers[0].resource"\n');
  });

  it('any other value fails before a request, as kubectl words it', async () => {
    for (const cmd of ['create -f /dev/null --validate=STRICT', 'apply -f /dev/null --validate=maybe', 'create deployment d --image=nginx --validate=yes', 'replace -f /dev/null --validate=no']) {
      const r = await run(`kubectl ${cmd}; echo "rc=$?"`);
      const value = /--validate=(\S+)/.exec(cmd)![1];
      expect(r.stderr).toBe(`error: invalid - validate option "${value}"; must be one of: strict (or true), warn, ignore (or false)\n`);
      expect(r.stdout).toBe('rc=1\n');
    }
  });
});
