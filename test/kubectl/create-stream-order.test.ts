/**
 * kubectl create -f visits a stream one document at a time (resource.StreamVisitor, RunCreate in
 * kubectl 1.33): the objects before a broken document are created, then the document's error
 * ends the command with exit 1. apply collects every object it can read first (Infos, which keeps
 * the objects read before the error) and applies them, then fails with the error (as the real
 * kubectl 1.33 does: writes-golden/28-broken-documents.txt, `kubectl apply -f unterminated.yaml`).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../src/runtime/session';
import type { World } from '../../src/sim/world';

let world: World;
const run = (script: string) => runScript(world, 'cka01', script);
const STREAM = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: first\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: \"second\n";

beforeAll(() => {
  world = bootWorld('cluster');
});

describe('create -f over a stream with a broken document', () => {
  it('creates what comes before the broken document, then fails', async () => {
    const r = await run(`cat > /root/m.yaml <<'EOF'\n${STREAM}EOF\nkubectl create -f /root/m.yaml; echo "rc=$?"; kubectl get cm first second -o name`);
    expect(r.stdout).toBe('configmap/first created\nrc=1\nconfigmap/first\n');
    expect(r.stderr).toBe('error: error parsing /root/m.yaml: error converting YAML to JSON: yaml: line 5: found unexpected end of stream\nError from server (NotFound): configmaps "second" not found\n');
  });

  it('apply applies what it read before the broken document, then fails', async () => {
    const r = await run(`cat > /root/n.yaml <<'EOF'\n${STREAM.replace(/first/g, 'third')}EOF\nkubectl apply -f /root/n.yaml; echo "rc=$?"; kubectl get cm third -o name`);
    expect(r.stdout).toBe('configmap/third created\nrc=1\nconfigmap/third\n');
    expect(r.stderr).toBe('error: error parsing /root/n.yaml: error converting YAML to JSON: yaml: line 5: found unexpected end of stream\n');
  });
});
