/**
 * Broken (and merged) kubeconfig files, each with the command lines recorded on it by
 * kubeconfig-record.ts from the real kubectl 1.33: client-go's loading, merging and validation
 * errors, which all happen before any connection.
 */
export interface KubeconfigCase {
  /** Slug of the golden file. */
  name: string;
  /** Files of the working directory, by relative path (a trailing slash: a directory). */
  files: Record<string, string>;
  /** $KUBECONFIG; absent: `config`; null: unset (HOME=/nonexistent, so no ~/.kube/config either). */
  kubeconfig?: string | null;
  /** Standard input of every command (none: an empty pipe). */
  stdin?: string;
  commands: string[];
}

interface Parts {
  /** Lines under `cluster:` after the server (4-space indent). */
  cluster?: string;
  server?: string;
  /** Lines under `user:` (4-space indent). */
  user?: string;
  contextCluster?: string;
  contextUser?: string;
  current?: string;
}

/** A one-cluster kubeconfig (cluster c, user u, context x) with the given parts changed. */
function kc(p: Parts = {}): string {
  const server = p.server ?? 'https://127.0.0.1:6443';
  const lines = [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    '- cluster:',
    `    server: ${server}`,
    ...(p.cluster ? [p.cluster] : []),
    '  name: c',
    'contexts:',
    '- context:',
    `    cluster: ${p.contextCluster ?? 'c'}`,
    `    user: ${p.contextUser ?? 'u'}`,
    '  name: x',
    `current-context: ${p.current ?? 'x'}`,
    'users:',
    '- name: u',
    '  user:',
    p.user ?? '    token: abc',
  ];
  return lines.join('\n') + '\n';
}

/** Cluster c defined twice (the second with CA data, insecure, and an extension). */
const DUPLICATE_CLUSTERS = kc({ cluster: '  name: c\n- cluster:\n    server: https://127.0.0.2:6443\n    insecure-skip-tls-verify: true\n    certificate-authority-data: aGk=\n    extensions:\n    - name: e\n      extension:\n        b: 1\n        a: x' });
/** User u defined twice (the second impersonating, with basic auth). */
const DUPLICATE_USERS = `${kc()}- name: u\n  user:\n    username: admin\n    password: secret\n    as: bob\n    as-groups: [g1, g2]\n    as-user-extra:\n      z: ['1']\n      a: [x, w]\n`;
/** Context x defined twice (the second with a namespace). */
const DUPLICATE_CONTEXTS = kc({ contextUser: 'u\n  name: x\n- context:\n    cluster: c\n    user: u\n    namespace: other' });

const GET = 'kubectl get pods';
const VIEWS = ['kubectl config view', 'kubectl config view --minify', 'kubectl config get-contexts', 'kubectl config current-context'];
const PEM_LIKE = 'not a certificate\n';
/** Base64 of PEM blocks whose content is not DER. */
const PEM_CERT = btoa('-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
const PEM_KEY = btoa('-----BEGIN RSA PRIVATE KEY-----\nMIIB\n-----END RSA PRIVATE KEY-----\n');

/** A second kubeconfig, for merges: its own cluster c2/context y/user u2, and a clashing c, x and u. */
const SECOND = [
  'apiVersion: v1',
  'kind: Config',
  'clusters:',
  '- cluster:',
  '    server: https://127.0.0.2:6443',
  '  name: c',
  '- cluster:',
  '    server: https://127.0.0.3:6443',
  '  name: c2',
  'contexts:',
  '- context:',
  '    cluster: c2',
  '    user: u2',
  '    namespace: second',
  '  name: x',
  '- context:',
  '    cluster: c2',
  '    user: u2',
  '  name: z',
  'current-context: z',
  'users:',
  '- name: u2',
  '  user:',
  '    token: def',
  '',
].join('\n');

export const KUBECONFIG_CASES: KubeconfigCase[] = [
  { name: 'valid', files: { config: kc() }, commands: [GET, 'kubectl --context=nope get pods', 'kubectl --cluster=nope get pods', 'kubectl --user=nope get pods', 'kubectl -n foo --context=nope get pods', 'kubectl -n foo --cluster=nope get pods', 'kubectl -n foo --user=nope get pods', 'kubectl --certificate-authority=nope.crt get pods', 'kubectl --username=a --password=b get pods', 'kubectl --as-group=admins get pods', 'kubectl --insecure-skip-tls-verify --certificate-authority=nope.crt get pods', 'kubectl --context=nope create deployment w --image=nginx --dry-run=client -o name', 'kubectl --context=nope config view --minify', 'kubectl config use-context nope', 'kubectl --cluster=nope config view --minify', 'kubectl --user=nope config view --minify'] },
  // Which check speaks first depends on whether the command asks for its namespace or its REST config first.
  { name: 'missing-context-by-command', files: { config: kc() }, commands: ['certificate approve x', 'autoscale deploy x --max=2', 'set env deploy/x A=b', 'set image deploy/x a=b', 'top node', 'top pod', 'auth whoami', 'auth can-i get pods', 'explain pods', 'api-resources', 'logs x', 'describe pods', 'run p --image=nginx --dry-run=client', 'scale deploy x --replicas=1', 'cluster-info', 'wait --for=delete pod/x', 'debug x', 'debug x --image=busybox --profile=legacy'].map((c) => `kubectl --context=nope ${c}`) },
  // TLS settings of the cluster
  { name: 'ca-data-and-insecure', files: { config: kc({ cluster: '    certificate-authority-data: QUFBQQ==\n    insecure-skip-tls-verify: true' }) }, commands: [GET, ...VIEWS, 'kubectl --insecure-skip-tls-verify get pods', 'kubectl create deployment w --image=nginx --dry-run=client -o name', 'kubectl version --client -o json'] },
  { name: 'ca-file-and-insecure', files: { config: kc({ cluster: '    certificate-authority: ca.crt\n    insecure-skip-tls-verify: true' }), 'ca.crt': PEM_LIKE }, commands: [GET, 'kubectl config view --minify'] },
  { name: 'ca-file-missing', files: { config: kc({ cluster: '    certificate-authority: nope.crt' }) }, commands: [GET, ...VIEWS, 'kubectl config view --flatten', 'kubectl --insecure-skip-tls-verify get pods', 'kubectl -n foo run p --image=nginx --dry-run=client -o name', 'kubectl version'] },
  { name: 'ca-file-absolute-missing', files: { config: kc({ cluster: '    certificate-authority: /nonexistent/ca.crt' }) }, commands: [GET] },
  { name: 'ca-file-not-pem', files: { config: kc({ cluster: '    certificate-authority: ca.crt' }), 'ca.crt': PEM_LIKE }, commands: [GET] },
  { name: 'ca-data-not-pem', files: { config: kc({ cluster: '    certificate-authority-data: QUFBQQ==' }) }, commands: [GET] },
  { name: 'ca-data-not-base64', files: { config: kc({ cluster: '    certificate-authority-data: "%%%"' }) }, commands: [GET, 'kubectl config view'] },
  // Credentials of the user
  { name: 'client-files-missing', files: { config: kc({ user: '    client-certificate: nope.crt\n    client-key: nope.key' }) }, commands: [GET, ...VIEWS] },
  { name: 'client-key-missing', files: { config: kc({ user: '    client-certificate: tls.crt\n    client-key: nope.key' }), 'tls.crt': PEM_LIKE }, commands: [GET] },
  { name: 'client-cert-file-and-data', files: { config: kc({ user: '    client-certificate: tls.crt\n    client-certificate-data: QUFBQQ==\n    client-key-data: QUFBQQ==' }), 'tls.crt': PEM_LIKE }, commands: [GET] },
  { name: 'client-key-file-and-data', files: { config: kc({ user: '    client-certificate-data: QUFBQQ==\n    client-key: tls.key\n    client-key-data: QUFBQQ==' }), 'tls.key': PEM_LIKE }, commands: [GET] },
  { name: 'client-cert-without-key', files: { config: kc({ user: '    client-certificate-data: QUFBQQ==' }) }, commands: [GET] },
  { name: 'client-key-without-cert', files: { config: kc({ user: '    client-key-data: QUFBQQ==' }) }, commands: [GET] },
  { name: 'client-cert-not-pem', files: { config: kc({ user: '    client-certificate-data: QUFBQQ==\n    client-key-data: QUFBQQ==' }) }, commands: [GET] },
  { name: 'token-and-token-file', files: { config: kc({ user: '    token: abc\n    tokenFile: token.txt' }), 'token.txt': 'def\n' }, commands: [GET] },
  { name: 'token-file-missing', files: { config: kc({ user: '    tokenFile: nope.txt' }) }, commands: [GET] },
  { name: 'basic-auth', files: { config: kc({ user: '    username: a\n    password: b' }) }, commands: [GET] },
  { name: 'username-only', files: { config: kc({ user: '    username: a' }) }, commands: [GET] },
  { name: 'token-and-basic-auth', files: { config: kc({ user: '    token: abc\n    username: a\n    password: b' }) }, commands: [GET, 'kubectl config view'] },
  { name: 'token-and-client-cert', files: { config: kc({ user: '    token: abc\n    client-certificate-data: QUFBQQ==\n    client-key-data: QUFBQQ==' }) }, commands: [GET] },
  { name: 'everything-wrong', files: { config: kc({ cluster: '    certificate-authority: nope.crt\n    insecure-skip-tls-verify: true', user: '    token: abc\n    username: a\n    password: b\n    client-certificate: nope.crt\n    client-key: nope.key' }) }, commands: [GET] },
  // Names that lead nowhere
  { name: 'context-cluster-missing', files: { config: kc({ contextCluster: 'nope' }) }, commands: [GET, ...VIEWS] },
  { name: 'context-user-missing', files: { config: kc({ contextUser: 'nope' }) }, commands: [GET, 'kubectl config view --minify', 'kubectl create deployment w --image=nginx --dry-run=client -o name'] },
  { name: 'context-user-missing-piped', files: { config: kc({ contextUser: 'nope' }) }, stdin: '  bob\nsecret\n', commands: [GET] },
  { name: 'user-without-credentials-http', files: { config: kc({ server: 'http://127.0.0.1:6443', user: '    as: jane' }) }, commands: [GET] },
  { name: 'token-a-number', files: { config: kc({ user: '    token: 12345' }) }, commands: [GET] },
  { name: 'exec-incomplete', files: { config: kc({ user: '    exec:\n      apiVersion: client.authentication.k8s.io/v1' }) }, commands: [GET] },
  { name: 'exec-v1beta1', files: { config: kc({ user: '    exec:\n      apiVersion: client.authentication.k8s.io/v1beta1\n      command: /nonexistent/plugin' }), }, commands: ['kubectl create deployment w --image=nginx --dry-run=client -o name'] },
  { name: 'impersonation-groups-only', files: { config: kc({ user: '    token: abc\n    as-groups:\n    - admins' }) }, commands: [GET] },
  { name: 'context-named-y', files: { config: kc().replace(/\bx\b/g, 'y') }, commands: [GET, 'kubectl config view'] },
  { name: 'nameless-cluster', files: { config: kc().replace('  name: c\n', '').replace('cluster: c\n', 'cluster: ""\n') }, commands: [GET, 'kubectl config view', 'kubectl config get-clusters'] },
  { name: 'current-context-missing', files: { config: kc({ current: 'nope' }) }, commands: [GET, ...VIEWS, 'kubectl config use-context x', 'kubectl --context=x get pods'] },
  { name: 'current-context-empty', files: { config: kc({ current: '""' }) }, commands: [GET, ...VIEWS] },
  // Files that hold nothing, or nothing at all
  { name: 'empty-file', files: { config: '' }, commands: [GET, ...VIEWS, 'kubectl config get-clusters'] },
  { name: 'empty-object', files: { config: '{}\n' }, commands: [GET, 'kubectl config view'] },
  { name: 'only-header', files: { config: 'apiVersion: v1\nkind: Config\n' }, commands: [GET, 'kubectl config view --minify'] },
  { name: 'no-file', files: {}, commands: [GET, ...VIEWS, 'kubectl --context=x get pods'] },
  { name: 'no-kubeconfig-at-all', files: {}, kubeconfig: null, commands: [GET, ...VIEWS, 'KUBERNETES_MASTER=127.0.0.1:7443 kubectl get pods'] },
  { name: 'kubeconfig-flag-missing-file', files: {}, commands: ['kubectl --kubeconfig=nope get pods', 'kubectl --kubeconfig=nope config view'] },
  // YAML and type errors
  { name: 'yaml-tab', files: { config: 'apiVersion: v1\nclusters:\n-\tcluster:\n    server: x\n' }, commands: [GET, 'kubectl config view'] },
  { name: 'yaml-unclosed-quote', files: { config: 'apiVersion: v1\nkind: Config\ncurrent-context: "x\n' }, commands: [GET] },
  { name: 'yaml-bad-indent', files: { config: 'apiVersion: v1\nkind: Config\nclusters:\n- cluster:\n    server: https://127.0.0.1:6443\n   name: c\n' }, commands: [GET, 'kubectl config view'] },
  { name: 'yaml-mapping-in-value', files: { config: 'apiVersion: v1\nkind: Config\ncurrent-context: a: b\n' }, commands: [GET] },
  { name: 'clusters-not-a-list', files: { config: 'apiVersion: v1\nkind: Config\nclusters: c\n' }, commands: [GET, 'kubectl config view'] },
  { name: 'server-a-number', files: { config: kc({ server: '6443' }) }, commands: [GET] },
  { name: 'insecure-a-string', files: { config: kc({ cluster: '    insecure-skip-tls-verify: "yes"' }) }, commands: [GET] },
  { name: 'unknown-field', files: { config: kc({ cluster: '    colour: blue' }) }, commands: [GET, 'kubectl config view'] },
  { name: 'wrong-kind', files: { config: kc().replace('kind: Config', 'kind: Pod') }, commands: [GET] },
  { name: 'wrong-api-version', files: { config: kc().replace('apiVersion: v1', 'apiVersion: v2') }, commands: [GET] },
  { name: 'a-list', files: { config: '- a\n- b\n' }, commands: [GET] },
  { name: 'yaml-unknown-anchor', files: { config: kc().replace('token: abc', 'token: *nope') }, commands: [GET] },
  { name: 'yaml-two-documents', files: { config: `${kc()}---\nkind: Pod\n` }, commands: [GET, 'kubectl config view --minify'] },
  { name: 'yaml-flow-map-unclosed', files: { config: '{"apiVersion": "v1",\n' }, commands: [GET] },
  { name: 'yaml-key-at-dash-column', files: { config: 'clusters:\n  - name: c\n    cluster:\n      server: https://127.0.0.1:6443\n  name: d\n' }, commands: [GET] },
  // Values as go-yaml v2 (sigs.k8s.io/yaml's fork) makes them before encoding/json sees them
  ...(
    [
      ['octal-0o', '0o17'],
      ['octal-leading-zero', '0755'],
      ['binary-int', '0b101'],
      ['underscored-int', '1_000'],
      ['sexagesimal', '1:20'],
      ['timestamp', '2001-12-14'],
      ['infinity', '.inf'],
      ['float-tag', '!!float 1'],
      ['str-tag', '!!str 0x10'],
      ['binary-tag', '!!binary eA=='],
      ['yes-word', 'yes'],
      ['y-letter', 'y'],
      ['tilde', '~'],
      ['non-specific-tag', '! 12'],
      ['float-exponent', '1e3'],
      ['plus-sign', '+12'],
      ['timestamp-tag', '!!timestamp 2001-12-14'],
      ['not-a-date', '2002-02-30'],
      ['date-space-zone', '2001-12-14 21:59:43.10 -5'],
    ] as const
  ).map(([name, current]) => ({ name: `yaml-value-${name}`, files: { config: kc({ current }) }, commands: ['kubectl config view', 'kubectl config current-context'] })),
  { name: 'yaml-value-insecure-on', files: { config: kc({ cluster: '    insecure-skip-tls-verify: on' }) }, commands: ['kubectl config view'] },
  { name: 'yaml-value-merge-key', files: { config: kc({ contextUser: 'u\n  name: base\n- context:\n    <<: {cluster: c, user: u}\n    namespace: ns' }).replace('  name: x\n', '').replace(/namespace: ns\n/, 'namespace: ns\n  name: x\n') }, commands: ['kubectl config view', 'kubectl config get-contexts'] },
  { name: 'yaml-value-anchor-alias', files: { config: kc({ contextCluster: '&c c', contextUser: 'u', current: '*c' }) }, commands: ['kubectl config view', 'kubectl config current-context'] },
  { name: 'yaml-value-yaml-directive', files: { config: `%YAML 1.1\n---\n${kc()}` }, commands: ['kubectl config view --minify'] },
  { name: 'yaml-value-non-ascii', files: { config: kc({ current: '"caf\\u00e9"' }) }, commands: ['kubectl config view', 'kubectl config current-context'] },
  { name: 'yaml-value-folded', files: { config: kc({ current: '>-\n  a\n  b' }) }, commands: ['kubectl config current-context'] },
  { name: 'yaml-value-duplicate-key', files: { config: `${kc()}current-context: other\n` }, commands: ['kubectl config current-context'] },
  { name: 'yaml-value-control-char', files: { config: kc({ current: 'a\u0001b' }) }, commands: [GET] },
  { name: 'broken-file-config-writes', files: { config: 'a: [\n' }, commands: ['kubectl config use-context x', 'kubectl config set-context x --namespace=y', 'kubectl config delete-context x', 'kubectl config set clusters.c.server https://a', 'kubectl config get-users'] },
  { name: 'proxy-url-unparsable', files: { config: kc({ cluster: "    proxy-url: '::bad'" }) }, commands: [GET] },
  { name: 'proxy-url-scheme', files: { config: kc({ cluster: '    proxy-url: ftp://proxy:21' }) }, commands: [GET] },
  { name: 'auth-provider-gcp', files: { config: kc({ user: '    auth-provider:\n      name: gcp' }) }, commands: [GET] },
  { name: 'auth-provider-azure', files: { config: kc({ user: '    auth-provider:\n      name: azure' }) }, commands: [GET] },
  { name: 'auth-provider-oidc', files: { config: kc({ user: '    auth-provider:\n      name: oidc\n      config:\n        idp-issuer-url: https://issuer' }) }, commands: [GET] },
  { name: 'auth-provider-unknown', files: { config: kc({ user: '    auth-provider:\n      name: foo' }) }, commands: [GET] },
  // Data only: a certificate or key read from a file is reloaded in the background, which logs its failure at unpredictable times.
  { name: 'client-cert-malformed', files: { config: kc({ user: `    client-certificate-data: ${PEM_CERT}\n    client-key-data: ${PEM_KEY}` }) }, commands: [GET] },
  { name: 'client-key-is-a-certificate', files: { config: kc({ user: `    client-certificate-data: ${PEM_CERT}\n    client-key-data: ${PEM_CERT}` }) }, commands: [GET] },
  { name: 'ca-file-a-directory', files: { config: kc({ cluster: '    certificate-authority: pki' }), 'pki/': '' }, commands: [GET] },
  { name: 'token-file-a-directory', files: { config: kc({ user: '    tokenFile: tokens' }), 'tokens/': '' }, commands: [GET] },
  { name: 'token-file-empty', files: { config: kc({ user: '    tokenFile: token' }), token: '' }, commands: [GET] },
  { name: 'plugins-in-config-view', files: { config: kc({ user: '    exec:\n      apiVersion: client.authentication.k8s.io/v1beta1\n      command: plugin\n      env:\n      - name: A\n    auth-provider:\n      name: gcp' }) }, commands: ['kubectl config view', 'kubectl config view -o json', GET] },
  // Several files
  { name: 'merge-first-wins', files: { config: kc(), second: SECOND }, kubeconfig: 'config:second', commands: [GET, 'kubectl config view', 'kubectl config get-contexts', 'kubectl --context=z get pods'] },
  { name: 'merge-second-first', files: { config: kc(), second: SECOND }, kubeconfig: 'second:config', commands: [GET, 'kubectl config view', 'kubectl config current-context'] },
  { name: 'merge-missing-files-skipped', files: { config: kc() }, kubeconfig: 'nope:config:nope2', commands: [GET, 'kubectl config current-context'] },
  { name: 'merge-all-missing', files: {}, kubeconfig: 'nope:nope2', commands: [GET, 'kubectl config view'] },
  { name: 'merge-two-broken', files: { config: 'a: [\n', second: 'clusters: c\n' }, kubeconfig: 'config:second', commands: [GET, 'kubectl config view'] },
  { name: 'merge-broken-second', files: { config: kc(), second: 'a: [\n' }, kubeconfig: 'config:second', commands: [GET, 'kubectl config view'] },
  { name: 'merge-empty-entries', files: { config: kc() }, kubeconfig: ':config:', commands: [GET] },
  { name: 'kubeconfig-a-directory', files: { 'dir/': '' }, kubeconfig: 'dir', commands: [GET, 'kubectl config view'] },
  { name: 'kubeconfig-flag-directory', files: { 'dir/': '' }, commands: ['kubectl --kubeconfig=dir get pods'] },
  // One name twice in one file: clientcmd refuses the file, printing the list as Go's %v does.
  { name: 'duplicate-clusters', files: { config: DUPLICATE_CLUSTERS }, commands: [GET, 'kubectl config view', 'kubectl config get-contexts', 'kubectl config use-context x'] },
  { name: 'duplicate-users', files: { config: DUPLICATE_USERS }, commands: [GET, 'kubectl config view'] },
  { name: 'duplicate-contexts', files: { config: DUPLICATE_CONTEXTS }, commands: [GET, 'kubectl config current-context'] },
  { name: 'duplicate-in-second-file', files: { config: kc(), second: DUPLICATE_CONTEXTS }, kubeconfig: 'config:second', commands: [GET, 'kubectl config view'] },
  // Server URLs
  { name: 'server-without-scheme', files: { config: kc({ server: '127.0.0.1:6443' }) }, commands: [GET] },
  { name: 'server-host-only', files: { config: kc({ server: '127.0.0.1' }) }, commands: [GET] },
  { name: 'server-with-path', files: { config: kc({ server: 'https://127.0.0.1:6443/prefix' }) }, commands: [GET] },
  { name: 'server-bad-port', files: { config: kc({ server: 'https://127.0.0.1:port' }) }, commands: [GET] },
  { name: 'server-port-out-of-range', files: { config: kc({ server: 'https://127.0.0.1:99999' }) }, commands: [GET] },
  { name: 'server-empty', files: { config: kc({ server: '""' }) }, commands: [GET, 'kubectl config view --minify'] },
  { name: 'server-ftp-scheme', files: { config: kc({ server: 'ftp://127.0.0.1:6443' }) }, commands: [GET] },
  { name: 'server-flag-without-scheme', files: { config: kc() }, commands: ['kubectl --server=127.0.0.1:6443 get pods', 'kubectl -s https://127.0.0.1:port get pods'] },
];
