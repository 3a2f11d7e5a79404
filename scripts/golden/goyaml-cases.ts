/**
 * Broken (and some valid) manifests for the go-yaml differential corpus (goyaml-record.ts):
 * hand-written classics of a learner's YAML, then systematic one-character mutations of valid
 * manifests (a space, colon, dash, quote, tab, bracket or '#' inserted, or a character deleted),
 * drawn with a fixed seed so the corpus is the same at every recording.
 */

export interface GoYamlCase {
  name: string;
  content: string;
}

export const BASE_MANIFESTS: Record<string, string> = {
  pod: `apiVersion: v1
kind: Pod
metadata:
  name: web
  labels:
    app: web
spec:
  containers:
  - name: nginx
    image: nginx:1.25
    ports:
    - containerPort: 80
    env:
    - name: MODE
      value: "prod"
`,
  deployment: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  labels: {app: api, tier: backend}
spec:
  replicas: 2
  selector:
    matchLabels:
      app: api
  template:
    metadata:
      labels:
        app: api
    spec:
      containers:
        - name: api
          image: 'registry.local/api:v2'
          args: ["--port", "8080"]
          resources:
            limits: {cpu: 500m, memory: 128Mi}
`,
  configmap: `apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
  namespace: default # the default one
data:
  app.conf: |
    listen 80;
    root /srv;
  greeting: >
    hello
    world
  mode: 'on'
`,
  service: `---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
  - port: 80
    targetPort: 8080
    protocol: TCP
`,
  multidoc: `apiVersion: v1
kind: Namespace
metadata:
  name: a
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: b
  namespace: a
data:
  k: v
`,
  anchors: `apiVersion: v1
kind: ConfigMap
metadata:
  name: &n cfg
  labels: &l
    app: *n
data:
  <<: {x: '1'}
  y: "2"
  z: !!str 3
`,
  blocks: `apiVersion: v1
kind: ConfigMap
metadata:
  name: s
data:
  a: |-
    one

    two
  b: >+
    folded
    text

  c: |2
      indented
  d: "multi
    line\\tesc"
  e: 'it''s'
`,
  flowy: `{apiVersion: v1, kind: Pod,
 metadata: {name: f, labels: {a: b}},
 spec: {containers: [{name: c, image: 'nginx', args: ["-x", y]}]}}
`,
};

const POD = BASE_MANIFESTS.pod;

/** The classics, by hand: each one a mistake people make. */
export const CLASSIC_CASES: GoYamlCase[] = [
  { name: 'key-one-space-too-far', content: POD.replace('    ports:', '     ports:') },
  { name: 'key-one-space-short', content: POD.replace('    image: nginx:1.25', '   image: nginx:1.25') },
  { name: 'tab-indents-key', content: POD.replace('    image:', '\timage:') },
  { name: 'tab-after-colon', content: POD.replace('image: nginx', 'image:\tnginx') },
  { name: 'tab-before-dash', content: POD.replace('  - name: nginx', '\t- name: nginx') },
  { name: 'tab-in-value-line', content: POD.replace('      value: "prod"', '      value:\t"prod"') },
  { name: 'flow-map-unclosed', content: POD.replace('  labels:\n    app: web', '  labels: {app: web') },
  { name: 'flow-map-unclosed-eof', content: 'apiVersion: v1\nkind: Pod\nmetadata:\n  labels: {app: web\n' },
  { name: 'flow-seq-unclosed', content: POD.replace('    - containerPort: 80', '    - containerPort: [80') },
  { name: 'flow-seq-unclosed-eof', content: 'apiVersion: v1\nkind: Pod\nspec:\n  args: ["a", "b"\n' },
  { name: 'flow-map-missing-comma', content: POD.replace('  labels:\n    app: web', '  labels: {app: web tier: x}') },
  { name: 'flow-seq-extra-close', content: POD.replace('    - containerPort: 80', '    - containerPort: 80]') },
  { name: 'flow-map-extra-close', content: POD.replace('    app: web', '    app: web}') },
  { name: 'double-quote-unclosed', content: POD.replace('  name: web', '  name: "web') },
  { name: 'double-quote-unclosed-last', content: POD.replace('"prod"', '"prod') },
  { name: 'single-quote-unclosed', content: POD.replace('  name: web', "  name: 'web") },
  { name: 'quote-then-text', content: POD.replace('value: "prod"', 'value: "prod" x') },
  { name: 'bad-escape', content: POD.replace('"prod"', '"C:\\prod"') },
  { name: 'missing-space-after-colon', content: POD.replace('image: nginx', 'image:nginx') },
  { name: 'missing-space-after-colon-key', content: POD.replace('kind: Pod', 'kind:Pod') },
  { name: 'missing-colon', content: POD.replace('kind: Pod', 'kind Pod') },
  { name: 'missing-colon-parent', content: POD.replace('spec:\n', 'spec\n') },
  { name: 'missing-dash', content: POD.replace('  - name: nginx', '    name: nginx') },
  { name: 'dash-no-space', content: POD.replace('  - name: nginx', '  -name: nginx') },
  { name: 'list-item-wrong-column', content: POD.replace('    - containerPort: 80', '   - containerPort: 80') },
  { name: 'list-item-too-deep', content: POD.replace('    env:\n    - name', '    env:\n      - name').replace('      value: "prod"', '      value: "prod"') },
  { name: 'list-items-two-indents', content: POD.replace('    - name: MODE\n      value: "prod"', '    - name: MODE\n      value: "prod"\n      - name: B\n        value: c') },
  { name: 'stray-colon-in-value', content: POD.replace('image: nginx:1.25', 'image: nginx: 1.25') },
  { name: 'colon-in-value-no-space', content: POD.replace('value: "prod"', 'value: a:b') },
  { name: 'url-value', content: POD.replace('value: "prod"', 'value: http://x:80/a') },
  { name: 'duplicate-key', content: POD.replace('kind: Pod\n', 'kind: Pod\nkind: Pod\n') },
  { name: 'duplicate-key-nested', content: POD.replace('  name: web\n', '  name: web\n  name: web2\n') },
  { name: 'separator-then-broken', content: `---\n${POD.replace('  name: web', '  name: "web')}` },
  { name: 'separator-with-text', content: `apiVersion: v1\n--- x\nkind: Pod\n` },
  { name: 'separator-four-dashes', content: `----\n${POD}` },
  { name: 'separator-comment', content: `--- # pod\n${POD.replace('kind: Pod', 'kind Pod')}` },
  { name: 'document-end-marker', content: `${POD}...\n` },
  { name: 'document-end-then-garbage', content: `${POD}...\n: [\n` },
  { name: 'empty-docs-then-broken', content: `---\n---\n# only a comment\n---\n${POD.replace('kind: Pod', 'kind: Pod:')}` },
  { name: 'comment-no-space', content: POD.replace('kind: Pod', 'kind: Pod#comment') },
  { name: 'comment-after-key', content: POD.replace('spec:', 'spec: # the spec') },
  { name: 'comment-between-items', content: POD.replace('    - containerPort: 80', '    # ports\n    - containerPort: 80') },
  { name: 'comment-deeper', content: POD.replace('kind: Pod', 'kind: Pod\n      # odd comment') },
  { name: 'comment-in-flow', content: POD.replace('  labels:\n    app: web', '  labels: {app: web, # c\n    tier: x}') },
  { name: 'crlf-valid', content: POD.replace(/\n/g, '\r\n') },
  { name: 'crlf-broken', content: POD.replace('  name: web', '  name: "web').replace(/\n/g, '\r\n') },
  { name: 'crlf-indent', content: POD.replace('    ports:', '     ports:').replace(/\n/g, '\r\n') },
  { name: 'bom-valid', content: `\ufeff${POD}` },
  { name: 'bom-broken', content: `\ufeff${POD.replace('kind: Pod', 'kind: [Pod')}` },
  { name: 'no-final-newline', content: POD.replace('"prod"\n', '"prod') },
  { name: 'only-comment', content: '# nothing here\n' },
  { name: 'empty-file', content: '' },
  { name: 'scalar-document', content: 'hello world\n' },
  { name: 'list-document', content: '- apiVersion: v1\n  kind: Pod\n' },
  { name: 'unknown-alias', content: POD.replace('app: web', 'app: *web') },
  { name: 'anchor-and-alias', content: POD.replace('    app: web', '    app: &a web').replace('image: nginx:1.25', 'image: *a') },
  { name: 'alias-self', content: POD.replace('  labels:', '  labels: &l').replace('    app: web', '    app: web\n    self: *l') },
  { name: 'merge-key-scalar', content: POD.replace('    app: web', '    <<: 5') },
  { name: 'null-key', content: POD.replace('    app: web', '    ~: web') },
  { name: 'sequence-key', content: POD.replace('    app: web', '    [a]: web') },
  { name: 'question-key', content: POD.replace('    app: web', '    ? app\n    : web') },
  { name: 'block-scalar-bad-indent', content: BASE_MANIFESTS.configmap.replace('    root /srv;', '  root /srv;') },
  { name: 'block-scalar-tab', content: BASE_MANIFESTS.configmap.replace('    root /srv;', '\troot /srv;') },
  { name: 'block-scalar-zero-indicator', content: BASE_MANIFESTS.configmap.replace('app.conf: |', 'app.conf: |0') },
  { name: 'block-scalar-text-after', content: BASE_MANIFESTS.configmap.replace('app.conf: |', 'app.conf: | x') },
  { name: 'value-on-next-line-too-shallow', content: POD.replace('      value: "prod"', '      value:\n     "prod"') },
  { name: 'multiline-plain-value', content: POD.replace('image: nginx:1.25', 'image: nginx\n      :1.25') },
  { name: 'key-at-root-inside-list', content: POD.replace('    image: nginx:1.25', 'image: nginx:1.25') },
  { name: 'dash-at-root', content: `${POD}- extra\n` },
  { name: 'key-after-list-wrong-indent', content: POD.replace('    env:', '   env:') },
  { name: 'indented-first-line', content: `  ${POD}` },
  { name: 'tag-int-bad', content: POD.replace('containerPort: 80', 'containerPort: !!int eighty') },
  { name: 'tag-unknown-handle', content: POD.replace('containerPort: 80', 'containerPort: !x!y 80') },
  { name: 'anchor-bad-char', content: POD.replace('app: web', 'app: &.a web') },
  { name: 'percent-directive', content: `%YAML 1.1\n---\n${POD}` },
  { name: 'percent-directive-bad', content: `%YAML 2.0\n---\n${POD}` },
  { name: 'percent-unknown-directive', content: `%FOO bar\n---\n${POD}` },
  { name: 'at-sign-value', content: POD.replace('value: "prod"', 'value: @prod') },
  { name: 'backtick-value', content: POD.replace('value: "prod"', 'value: `prod`') },
  { name: 'pipe-in-flow', content: POD.replace('  labels:\n    app: web', '  labels: {app: |x}') },
  { name: 'control-character', content: POD.replace('web', 'w\x01eb') },
  { name: 'long-key', content: POD.replace('kind: Pod', `${'k'.repeat(1100)}: Pod`) },
  { name: 'key-no-value-then-list', content: POD.replace('    ports:\n', '    ports:\n    -\n') },
  { name: 'equals-instead-of-colon', content: POD.replace('kind: Pod', 'kind = Pod') },
  { name: 'json-style-trailing-comma', content: POD.replace('  labels:\n    app: web', '  labels: {"app": "web",}') },
  { name: 'json-valid', content: '{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "j"}}\n' },
  { name: 'json-truncated', content: '{"apiVersion": "v1", "kind": \n' },
  { name: 'json-unquoted-keys-yaml-ok', content: '{apiVersion: v1, kind: Pod, metadata: {name: j}}\n' },
  { name: 'json-unquoted-keys-yaml-broken', content: '{apiVersion: v1, kind: Pod, metadata: {name: j}\n' },
  { name: 'json-after-tab', content: '\t{apiVersion: v1, kind: [Pod}\n' },
  { name: 'second-document-broken', content: `${POD}---\n${POD.replace('kind: Pod', 'kind: [Pod')}` },
  { name: 'first-document-missing-kind', content: `${POD.replace('kind: Pod\n', '')}---\n${POD.replace('kind: Pod', 'kind: [Pod')}` },
  { name: 'list-kind', content: 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: one\n' },
  { name: 'nested-flow-broken', content: POD.replace('  labels:\n    app: web', '  labels: {a: [1, 2}, b: 3}') },
];

/** A small seeded generator (mulberry32): the corpus must not change between recordings. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The strings inserted, by the name a case carries. */
const INSERTS: Record<string, string> = { space: ' ', colon: ':', dash: '-', dquote: '"', squote: "'", tab: '\t', hash: '#', lbracket: '[', lbrace: '{', rbrace: '}', rbracket: ']', comma: ',', newline: '\n', 'colon-space': ': ', 'dash-space': '- ' };

/** Every one-character mutation of a manifest: a deletion or an insertion at every position. */
export function allMutations(base: string): { op: string; pos: number; content: string }[] {
  const out: { op: string; pos: number; content: string }[] = [];
  for (let pos = 0; pos <= base.length; pos++) {
    if (pos < base.length) out.push({ op: 'del', pos, content: base.slice(0, pos) + base.slice(pos + 1) });
    for (const [name, ins] of Object.entries(INSERTS)) out.push({ op: `ins-${name}`, pos, content: base.slice(0, pos) + ins + base.slice(pos) });
  }
  return out;
}

/**
 * The mutations of one base manifest in a fixed pseudo-random order (seeded), duplicates dropped:
 * the recorder takes them in this order until it has its share of broken and valid ones.
 */
export function mutationCandidates(manifest: string, seed = 20261123): GoYamlCase[] {
  const rand = seeded(seed);
  const all = allMutations(BASE_MANIFESTS[manifest]);
  for (let i = all.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [all[i], all[j]] = [all[j], all[i]];
  }
  const seen = new Set<string>();
  return all
    .filter((m) => !seen.has(m.content) && seen.add(m.content))
    .map((m) => ({ name: `${manifest}-${m.op}-at-${m.pos}`, content: m.content }));
}

const CM = (name: string) => `{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"${name}"}}`;
/** A comment line of `n` characters of `fill`, for placing what follows at a byte offset. */
const pad = (n: number, fill = 'p') => `#${fill.repeat(n)}\n`;

/**
 * Cases added after the first recording (numbered after it, so the first ones keep their
 * numbers): JSON streams of several values (apimachinery's YAMLOrJSONDecoder: one value after
 * another, YAML after a first bad one, offsets in bytes), and control characters the reader meets
 * only when the scanner reaches their 512-byte chunk.
 */
export const LATER_CASES: GoYamlCase[] = [
  { name: 'json-two-values', content: `${CM('a')}${CM('b')}` },
  { name: 'json-two-values-lines', content: `${CM('a')}\n${CM('b')}\n` },
  { name: 'json-second-value-broken', content: `${CM('a')}\n{"apiVersion": 1,\n` },
  { name: 'json-first-value-broken-non-ascii', content: '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"é"},"data":{"a":"ééé" x}}\n' },
  { name: 'json-first-value-broken-cjk', content: '{"apiVersion":"v1","kind":"ConfigMap","data":{"名前":"値", "k" "v"}}\n' },
  { name: 'json-value-then-garbage', content: `${CM('a')} garbage\n` },
  { name: 'json-value-then-yaml-broken', content: `${CM('a')}\nkind: [x\n` },
  { name: 'json-broken-then-yaml-line', content: '{"apiVersion": "v1", x\nkind: Pod\n' },
  { name: 'json-emoji-offset', content: '{"apiVersion":"v1","kind":"ConfigMap","data":{"a":"😀😀" ,,}}\n' },
  { name: 'control-char-after-first-chunk', content: `apiVersion: v1\nkind: Pod: x\n${pad(700)}# \x01\n` },
  { name: 'control-char-in-first-chunk', content: `apiVersion: v1\nkind: Pod: x\n${pad(300)}# \x01\n` },
  { name: 'control-char-valid-doc-far', content: `${POD}${pad(900)}# \x01\n` },
  { name: 'control-char-second-chunk-reached', content: `apiVersion: v1\n${pad(495)}a: b: c\n${'#'.repeat(30)}\x01\n` },
  { name: 'control-char-second-chunk-not-reached', content: `apiVersion: v1\n${pad(480)}a: b: c\n${'#'.repeat(30)}\x01\n` },
  { name: 'control-char-multibyte-boundary', content: `apiVersion: v1\n${pad(245, 'é')}a: b: c\n${'#'.repeat(30)}\x01\n` },
  { name: 'control-char-second-document', content: `${POD}---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  k: "a\x07b"\n` },
  { name: 'del-character', content: POD.replace('app: web', 'app: w\x7feb') },
  { name: 'c1-control-character', content: POD.replace('app: web', 'app: w\u0085eb') },
  { name: 'timestamp-tag', content: POD.replace('app: web', 'app: !!timestamp 2001-12-14') },
  { name: 'timestamp-tag-bad', content: POD.replace('app: web', 'app: !!timestamp 2001-02-30') },
  // A "billion laughs": nine lists of nine aliases to the one before.
  {
    name: 'excessive-aliasing',
    content: `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a0: &a0 [${Array(9).fill('"lol"').join(',')}]\n${Array.from({ length: 8 }, (_, i) => `  a${i + 1}: &a${i + 1} [${Array(9).fill(`*a${i}`).join(',')}]\n`).join('')}`,
  },
  { name: 'aliases-below-the-limit', content: `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a0: &a0 [1,2,3]\n  a1: &a1 [*a0,*a0,*a0]\n  a2: [*a1,*a1,*a1]\n` },
];
