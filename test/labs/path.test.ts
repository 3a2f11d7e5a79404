import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluatePath } from '../../src/labs/path';

const svc = {
  metadata: { name: 'web', labels: { app: 'web', 'app.kubernetes.io/name': 'web' } },
  spec: {
    type: 'NodePort',
    ports: [
      { port: 80, targetPort: 80, nodePort: 30080 },
      { port: 443, nodePort: 30443 },
    ],
  },
};

describe('evaluatePath', () => {
  it.each([
    ['.spec.type', ['NodePort']],
    ['.spec.ports[0].nodePort', [30080]],
    ['.spec.ports[-1].port', [443]],
    ['.spec.ports[*].port', [80, 443]],
    ['.spec.ports[?(@.port==80)].nodePort', [30080]],
    ['.spec.ports[?(@.port!=80)].nodePort', [30443]],
    [".metadata.labels['app.kubernetes.io/name']", ['web']],
    ['.metadata.missing', []],
    ['.spec.ports[5]', []],
  ])('%s', (path, expected) => {
    expect(evaluatePath(svc, path)).toEqual({ ok: true, values: expected });
  });

  it('reports a malformed path as an error', () => {
    expect(evaluatePath(svc, 'spec.type')).toEqual({ ok: false, error: 'path must start with ".": spec.type' });
    expect(evaluatePath(svc, '.spec[').ok).toBe(false);
  });

  it('never throws on any input', () => {
    fc.assert(
      fc.property(fc.string(), fc.jsonValue(), (path, obj) => {
        const r = evaluatePath(obj, path);
        expect(typeof r.ok).toBe('boolean');
      }),
      { numRuns: 500 },
    );
  });
});
