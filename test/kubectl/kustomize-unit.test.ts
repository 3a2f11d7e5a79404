/** The kustomize engine's parts: hash, literals and env files, image rewriting, order, and -k on a cluster. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contentHash, goJson } from '../../src/kubectl/kustomize';
import { parseEnvFile, parseLiteral } from '../../src/kubectl/kustomize/generators';
import { rewriteImage, splitImage } from '../../src/kubectl/kustomize/images';
import { compareLegacy } from '../../src/kubectl/kustomize/order';
import type { KubeObject } from '../../src/sim/apiserver/types';

const cm = (data: Record<string, string>, name = 'x', labels?: Record<string, string>): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, ...(labels ? { labels } : {}) }, data });

describe('content hash', () => {
  it('matches the suffix kubectl 1.33 gives a ConfigMap and a Secret', () => {
    // Recorded: kubectl kustomize with literals A=1,B=two → cfg-6b56fdfggc; secret pw=secret → sec-dtgd52765c.
    expect(contentHash(cm({ A: '1', B: 'two' }))).toBe('6b56fdfggc');
    expect(contentHash({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'sec' }, type: 'Opaque', data: { pw: 'c2VjcmV0' } })).toBe('dtgd52765c');
  });

  it('is ten characters without vowels or 0/1/3, whatever the data', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ minLength: 1 }), fc.string()), (data) => {
        expect(contentHash(cm(data))).toMatch(/^[2456789bcdfghkmt]{10}$/);
      }),
    );
  });

  it('depends on the data only, not on the name or labels', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ minLength: 1 }), fc.string()), fc.string(), fc.string(), (data, a, b) => {
        expect(contentHash(cm(data, a))).toBe(contentHash(cm(data, b, { any: b })));
      }),
    );
  });

  it('changes when a value changes', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        fc.pre(a !== b);
        expect(contentHash(cm({ k: a }))).not.toBe(contentHash(cm({ k: b })));
      }),
    );
  });
});

describe('goJson (Go encoding/json)', () => {
  it('equals JSON.stringify with sorted keys for text without HTML or control characters', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.string()), (m) => {
        const safe = Object.fromEntries(Object.entries(m).filter(([k, v]) => !/[<>&\u0000-\u001f\u2028\u2029]/.test(k + v)));
        const expected = `{${Object.keys(safe).sort().map((k) => `${JSON.stringify(k)}:${JSON.stringify(safe[k])}`).join(',')}}`;
        expect(goJson(safe)).toBe(expected);
      }),
    );
  });

  it('escapes <, > and & and uses \\u form for \\b and \\f', () => {
    expect(goJson('<a>&\b\f\n')).toBe('"\\u003ca\\u003e\\u0026\\u0008\\u000c\\n"');
  });
});

describe('generator sources', () => {
  it('literal values lose one pair of matching quotes', () => {
    expect(parseLiteral('a="x y"')).toEqual(['a', 'x y']);
    expect(parseLiteral("a='q'")).toEqual(['a', 'q']);
    expect(parseLiteral('a=b=c')).toEqual(['a', 'b=c']);
  });

  it('env files keep quotes, skip comments and blank lines', () => {
    expect(parseEnvFile('A=1\n# c\n\nB="x y"\nC\n')).toEqual([['A', '1'], ['B', '"x y"'], ['C', '']]);
  });

  it('any KEY=VALUE literal round-trips when the value is unquoted', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]*$/), fc.stringMatching(/^[^"'\n]*$/), (k, v) => {
        expect(parseLiteral(`${k}=${v}`)).toEqual([k, v]);
      }),
    );
  });
});

describe('images', () => {
  it('splits name, tag and digest (a registry port is not a tag)', () => {
    expect(splitImage('registry:5000/app:1.0@sha256:ab')).toEqual({ name: 'registry:5000/app', tag: '1.0', digest: 'sha256:ab' });
    expect(splitImage('nginx')).toEqual({ name: 'nginx', tag: '', digest: '' });
  });

  it('rewrites only the named image', () => {
    expect(rewriteImage('nginx:1.25', { name: 'nginx', newTag: '1.27' })).toBe('nginx:1.27');
    expect(rewriteImage('nginx:1.25', { name: 'nginx', newName: 'r/nginx' })).toBe('r/nginx:1.25');
    expect(rewriteImage('nginx:1.25', { name: 'nginx', digest: 'sha256:x' })).toBe('nginx@sha256:x');
    expect(rewriteImage('nginxx:1', { name: 'nginx', newTag: '2' })).toBe('nginxx:1');
  });
});

describe('legacy order', () => {
  it('puts Namespace first, webhooks last, others between by group_version_kind then name', () => {
    const o = (apiVersion: string, kind: string, name: string): KubeObject => ({ apiVersion, kind, metadata: { name } });
    const list = [
      o('admissionregistration.k8s.io/v1', 'ValidatingWebhookConfiguration', 'v'),
      o('v1', 'Pod', 'b'),
      o('v1', 'Pod', 'a'),
      o('apps/v1', 'DaemonSet', 'd'),
      o('v1', 'Namespace', 'n'),
      o('v1', 'Service', 's'),
    ];
    expect(list.sort(compareLegacy).map((x) => `${x.kind}/${x.metadata!.name}`)).toEqual([
      'Namespace/n', 'Service/s', 'DaemonSet/d', 'Pod/a', 'Pod/b', 'ValidatingWebhookConfiguration/v',
    ]);
  });
});

describe('-k on a cluster', () => {
  const files: Record<string, string> = {
    '/root/app/kustomization.yaml':
      'namespace: default\nnamePrefix: app-\ncommonLabels:\n  app: demo\nresources:\n- svc.yaml\nconfigMapGenerator:\n- name: conf\n  literals:\n  - K=V\n',
    '/root/app/svc.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n  - port: 80\n',
  };

  // conf-882hgddftf: the suffix kubectl 1.33 gives K=V.
  it('apply -k creates what kustomize builds, get/diff/delete -k act on the same objects', async () => {
    const { cluster } = await import('./_cluster');
    const c = cluster();
    c.fs.mkdir('/root/app', { recursive: true });
    for (const [p, t] of Object.entries(files)) c.fs.writeFile(p, t);
    const applied = await c.run('kubectl apply -k app');
    expect(applied.stderr).toBe("# Warning: 'commonLabels' is deprecated. Please use 'labels' instead. Run 'kustomize edit fix' to update your Kustomization automatically.\n");
    expect(applied.stdout).toBe('configmap/app-conf-882hgddftf created\nservice/app-web created\n');
    expect(applied.exit).toBe(0);
    const got = await c.run('kubectl get -k app -o name');
    expect(got.stdout).toBe('configmap/app-conf-882hgddftf\nservice/app-web\n');
    const svc = await c.run('kubectl get svc app-web -o jsonpath={.spec.selector.app}');
    expect(svc.stdout).toBe('demo');
    const again = await c.run('kubectl apply -k app');
    expect(again.stdout).toBe('configmap/app-conf-882hgddftf unchanged\nservice/app-web unchanged\n');
    expect((await c.run('kubectl diff -k app')).exit).toBe(0);
    const deleted = await c.run('kubectl delete -k app');
    expect(deleted.stdout).toBe('configmap "app-conf-882hgddftf" deleted\nservice "app-web" deleted\n');
  });
});
