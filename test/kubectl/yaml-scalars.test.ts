/**
 * kubectl reads manifests through sigs.k8s.io/yaml, that is go-yaml v2 and YAML 1.1 scalars: `yes`,
 * `on`, `y` are booleans and `0400` is octal. Expected values recorded from kubectl 1.33
 * (`kubectl label --local -f m.yaml x=y -o jsonpath=…`, and `create --dry-run=client
 * --validate=false` for the decode error), for the classic mistakes: `defaultMode: 0400` and an
 * unquoted `yes`.
 */
import { describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../src/runtime/session';

const manifest = (label: string, mode: string) => `apiVersion: v1
kind: Pod
metadata:
  name: p
  labels:
    a: ${label}
spec:
  containers:
  - name: c
    image: busybox
  volumes:
  - name: s
    secret: {secretName: pw, defaultMode: ${mode}}
`;

/** defaultMode as written → as kubectl 1.33 sends it. */
const MODES: [string, string][] = [
  ['0400', '256'], ['0644', '420'], ['420', '420'], ['0o17', '15'], ['0b101', '5'], ['1_000', '1000'],
  ['1:20', '1:20'], ['1e3', '1000'], ['+12', '12'], ['0x1F', '31'],
];

const DECODE_BOOL = 'error: unable to decode "/tmp/m.yaml": json: cannot unmarshal bool into Go struct field ObjectMeta.metadata.labels of type string';

describe('YAML 1.1 scalars in -f manifests', () => {
  const world = bootWorld('cluster');
  const run = (label: string, mode: string, command: string) =>
    runScript(world, 'cka01', `cat > /tmp/m.yaml <<'EOF'\n${manifest(label, mode)}EOF\n${command}`);

  it('reads integers as go-yaml does: leading 0 octal, 0b, 0o, 0x, underscores; sexagesimal stays a string', async () => {
    for (const [written, sent] of MODES) {
      const r = await run('x', written, "kubectl label --local -f /tmp/m.yaml x=y -o jsonpath='{.spec.volumes[0].secret.defaultMode}'");
      expect(`${written}=${r.stdout}`).toBe(`${written}=${sent}`);
    }
  });

  it('an unquoted yes, on, y, off or NO is a boolean: a label cannot hold it', async () => {
    for (const word of ['yes', 'on', 'y', 'Yes', 'off', 'NO', 'n', 'Y', 'true']) {
      const r = await run(word, '420', 'kubectl create --dry-run=client --validate=false -f /tmp/m.yaml -o name; echo rc=$?');
      expect(`${word}: ${r.stderr.trim()} ${r.stdout.trim()}`).toBe(`${word}: ${DECODE_BOOL} rc=1`);
    }
  });

  it('a quoted "yes", a date and ~ stay as written (a string, a string, null)', async () => {
    for (const [word, shown] of [['"yes"', '{"a":"yes"}'], ['2024-01-01', '{"a":"2024-01-01"}']]) {
      const r = await run(word, '420', "kubectl label --local -f /tmp/m.yaml x=y -o jsonpath='{.metadata.labels}'");
      expect(r.stdout).toBe(shown.replace('}', ',"x":"y"}'));
    }
  });
});
