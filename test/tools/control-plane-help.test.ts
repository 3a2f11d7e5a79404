/**
 * The control plane's binaries run by hand in their containers (`kubectl exec -n kube-system …`),
 * up to where they would start: etcd v3.5.21's help and flag errors (Go's flag package, the texts of
 * server/etcdmain/help.go and config.go) and the kube-* binaries' flag errors (pflag under cobra,
 * run by component-base's cli.Run), and the kubelet run by hand on a node (its own parse of its
 * arguments, cmd/kubelet/app/server.go). The expected texts are etcd's source texts (help.go's
 * usageline and flagsline with their constants evaluated: embed.DefaultMaxSnapshots = 5,
 * bcrypt.DefaultCost = 10, MinCost = 4, MaxCost = 31) and, for kube-apiserver, the line a v1.33.4
 * pod log shows for an unknown flag.
 */
import { describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../src/runtime/session';

/** help.go's usageline as etcd prints it (fmt.Fprintln: one more newline) on stderr for -h and after a flag error. */
const USAGE = `Usage:

  etcd [flags]
    Start an etcd server.

  etcd --version
    Show the version of etcd.

  etcd -h | --help
    Show the help information about etcd.

  etcd --config-file
    Path to the server configuration file. Note that if a configuration file is provided, other command line flags and environment variables will be ignored.

  etcd gateway
    Run the stateless pass-through etcd TCP connection forwarding proxy.

  etcd grpc-proxy
    Run the stateless etcd v3 gRPC L7 reverse proxy.

`;

const exec = (container: string, command: string) => `kubectl -n kube-system exec ${container}-cka01 -- ${command}`;

describe('etcd in its container', () => {
  const world = bootWorld('cluster');

  it('-h, -help and --help: the usage on stderr, the flag list (help.go flagsline) on stdout, exit 0', async () => {
    for (const flag of ['-h', '-help', '--help']) {
      const r = await runScript(world, 'cka01', `${exec('etcd', `etcd ${flag}`)}; echo rc=$?`);
      expect(r.stderr).toBe(USAGE);
      expect(r.stdout.startsWith("\nMember:\n  --name 'default'\n    Human-readable name for this member.\n  --data-dir '${name}.etcd'\n    Path to the data directory.\n")).toBe(true);
      expect(r.stdout.endsWith("Unsafe feature:\n  --force-new-cluster 'false'\n    Force to create a new one-member cluster.\n  --unsafe-no-fsync 'false'\n    Disables fsync, unsafe, will cause data loss.\n\nCAUTIOUS with unsafe flag! It may break the guarantees given by the consensus protocol!\n\nrc=0\n")).toBe(true);
    }
  });

  it('| grep filters the flag list; the evaluated defaults are the source constants', async () => {
    const r = await runScript(world, 'cka01', `${exec('etcd', 'etcd --help')} 2>/dev/null | grep -A1 -e max-snapshots -e bcrypt-cost -e v2-deprecation -e "listen-client-urls '"`);
    expect(r.stdout).toBe(`  --listen-client-urls 'http://localhost:2379'
    List of URLs to listen on for client grpc traffic and http as long as --listen-client-http-urls is not specified.
--
  --max-snapshots '5'
    Maximum number of snapshot files to retain (0 is unlimited).
--
  --v2-deprecation 'not-yet'
    Phase of v2store deprecation. Allows to opt-in for higher compatibility mode.
--
  --bcrypt-cost 10
    Specify the cost / strength of the bcrypt algorithm for hashing auth passwords. Valid values are between 4 and 31.
`);
  });

  it('a flag error: Go flag\'s message and the usage on stderr, exit 2', async () => {
    const r = await runScript(world, 'cka01', `${exec('etcd', 'etcd --bogus')}; echo rc=$?
${exec('etcd', 'etcd --data-dir')}; echo rc=$?
${exec('etcd', 'etcd --enable-v2=maybe')}; echo rc=$?`);
    expect(r.stdout).toBe('rc=2\nrc=2\nrc=2\n');
    expect(r.stderr).toBe(
      `flag provided but not defined: -bogus\n${USAGE}command terminated with exit code 2\n` +
        `flag needs an argument: -data-dir\n${USAGE}command terminated with exit code 2\n` +
        `invalid boolean value "maybe" for -enable-v2: parse error\n${USAGE}command terminated with exit code 2\n`,
    );
  });

  it('an argument that is not a flag: refused by its default zap logger, exit 1', async () => {
    const r = await runScript(world, 'cka01', `${exec('etcd', 'etcd help')}; echo rc=$?`);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    const [running, refused] = lines.slice(0, 2).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(running).toEqual({ level: 'info', ts: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/), caller: 'etcdmain/etcd.go:73', msg: 'Running: ', args: ['etcd', 'help'] });
    expect(refused).toEqual({ level: 'warn', ts: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/), caller: 'etcdmain/etcd.go:75', msg: 'failed to verify flags', error: "'help' is not a valid flag" });
    expect(lines[2]).toBe('command terminated with exit code 1');
    expect(r.stdout).toBe('rc=1\n');
  });

  it('--version once the whole command line parses; a flag error first', async () => {
    const r = await runScript(world, 'cka01', `${exec('etcd', 'etcd --name x -version')}; echo rc=$?
${exec('etcd', 'etcd --version --bogus')} 2>&1 | head -1`);
    expect(r.stdout).toBe('etcd Version: 3.5.21\nGit SHA: a17edfd59\nGo Version: go1.23.7\nGo OS/Arch: linux/amd64\nrc=0\nflag provided but not defined: -bogus\n');
  });
});

describe('kube-* binaries in their containers', () => {
  const world = bootWorld('cluster');

  it('kube-apiserver: a flag error alone (it silences its usage), `Error: ` on stderr, exit 1', async () => {
    const r = await runScript(world, 'cka01', `${exec('kube-apiserver', 'kube-apiserver --bogus')}; echo rc=$?
${exec('kube-apiserver', 'kube-apiserver --secure-port=abc')}; echo rc=$?
${exec('kube-apiserver', 'kube-apiserver run')}; echo rc=$?`);
    expect(r.stdout).toBe('rc=1\nrc=1\nrc=1\n');
    expect(r.stderr).toBe(
      'Error: unknown flag: --bogus\ncommand terminated with exit code 1\n' +
        'Error: invalid argument "abc" for "--secure-port" flag: strconv.ParseInt: parsing "abc": invalid syntax\ncommand terminated with exit code 1\n' +
        'Error: "kube-apiserver" does not take any arguments, got ["run"]\ncommand terminated with exit code 1\n',
    );
  });

  it('--version after the flags parse, for each component', async () => {
    const r = await runScript(world, 'cka01', `${exec('kube-apiserver', 'kube-apiserver --etcd-servers=https://127.0.0.1:2379 --version')}
${exec('kube-controller-manager', 'kube-controller-manager --version')}
${exec('kube-scheduler', 'kube-scheduler --version')}`);
    expect(r.stdout).toBe('Kubernetes v1.33.4\nKubernetes v1.33.4\nKubernetes v1.33.4\n');
  });

  it('kube-proxy in its DaemonSet Pods: the image holds the binary (--version)', async () => {
    const r = await runScript(world, 'cka01', `P=$(kubectl -n kube-system get pod -l k8s-app=kube-proxy -o name | head -1)
kubectl -n kube-system exec $P -- kube-proxy --version; echo rc=$?`);
    expect(r.stdout).toBe('Kubernetes v1.33.4\nrc=0\n');
  });
});

describe('the kubelet run by hand on a node', () => {
  const world = bootWorld('cluster');

  it('an argument that is not a flag: `unknown command` through klog, exit 1 (there is no version command)', async () => {
    const r = await runScript(world, 'cka01', 'kubelet version; echo rc=$?\nkubelet --version; echo rc=$?');
    expect(r.stderr).toMatch(/^E\d{4} \d\d:\d\d:\d\d\.\d{6} +\d+ run\.go:72\] "command failed" err="unknown command version"\n$/);
    expect(r.stdout).toBe('rc=1\nKubernetes v1.33.4\nrc=0\n');
  });
});
