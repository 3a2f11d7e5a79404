/**
 * What the add-ons' own programs do when their containers run, for the runtime's behaviour model
 * (src/sim/runtime/behaviour.ts): kube-webhook-certgen creates or patches and exits; the rest serve.
 */
import type { Behaviour } from '../runtime/behaviour';

const log = (offsetMs: number, line: string) => ({ offsetMs, line });

function certgen(argv: string[]): Behaviour {
  const sub = argv.find((a) => a === 'create' || a === 'patch');
  const arg = (name: string) => argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? '';
  const lines =
    sub === 'create'
      ? [log(0, `{"level":"info","msg":"creating new secret","source":"cmd/create.go:28"}`)]
      : [
          log(0, `{"level":"info","msg":"patching webhook configurations '${arg('webhook-name')}' mutating=false, validating=true, failurePolicy=${arg('patch-failure-policy') || 'Fail'}","source":"k8s/k8s.go:118"}`),
          log(400, `{"level":"info","msg":"Patched hook(s)","source":"k8s/k8s.go:138"}`),
        ];
  return { startLogs: lines, exitCode: 0, exitAfterMs: 800, ports: [], termExitMs: 100 };
}

/** A one-shot init step (copy binaries and config into the host, then exit 0). */
const oneShot = (lines: string[] = []): Behaviour => ({ startLogs: lines.map((l) => log(0, l)), exitCode: 0, exitAfterMs: 300, ports: [], termExitMs: 100 });

/** The behaviour of an add-on image's process, or undefined to use the generic model. */
export function addonBehaviour(repository: string, argv: string[]): Behaviour | undefined {
  if (repository === 'registry.k8s.io/ingress-nginx/kube-webhook-certgen') return certgen(argv);
  const prog = (argv[0] ?? '').replace(/^.*\//, '');
  // calico/cni's init containers: the IPAM upgrade and the CNI installer.
  if (repository === 'docker.io/calico/cni' && prog === 'calico-ipam') return oneShot();
  if (repository === 'docker.io/calico/cni' && prog === 'install')
    return oneShot(['Running as a Kubernetes pod', 'Installed /host/opt/cni/bin/calico', 'Installed /host/opt/cni/bin/calico-ipam', 'wrote CNI config file to /host/etc/cni/net.d/10-calico.conflist', 'Done configuring CNI.  Sleep= false']);
  if (repository === 'docker.io/calico/node' && argv.includes('-init')) return oneShot(['Checking if BPF filesystem is mounted.', 'BPF filesystem is mounted.']);
  if (repository === 'docker.io/calico/pod2daemon-flexvol') return oneShot();
  return undefined;
}
