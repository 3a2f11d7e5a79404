/**
 * Node names the kubeadm way: `--node-name` or nodeRegistration.name (lowercased, validated as a
 * DNS-1123 subdomain) reach the certificates, kubelet.conf, kubeadm-flags.env (--hostname-override),
 * and through the kubelet's own flags the Node, its mirror pods and its labels; join refuses the
 * name of a Ready Node; upgrade node and reset find the node under its registered name.
 * Messages are kubeadm's (cmd/kubeadm/app/apis/kubeadm/validation, phases/join/kubelet.go,
 * util/config/cluster.go).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../../src/runtime/session';
import { World } from '../../../src/sim/world';
import { etcdMembers } from '../../../src/sim/kubeadm/etcd-members';
import { planInput } from '../../../src/sim/kubeadm/upgrade';
import { clusterOf } from '../../../src/sim/cluster/attach';
import { kubeadmRelease } from '../../../src/sim/kubeadm/versions';
import { PREPARE_NODE } from './equivalence/install-script';

const FLANNEL = 'kubectl apply -f https://github.com/flannel-io/flannel/releases/latest/download/kube-flannel.yml >/dev/null';
const KUBECONFIG = 'mkdir -p $HOME/.kube && cp /etc/kubernetes/admin.conf $HOME/.kube/config';
const STACK_HINT = 'To see the stack trace of this error execute with --v=5 or higher\n';
const DNS1123 =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

/** kubeadm's Hostname preflight warnings for a name that neither /etc/hosts nor systemd-resolved knows. */
function unreachable(name: string): string {
  const why = name.includes('.') ? 'no such host' : 'server misbehaving';
  return `\t[WARNING Hostname]: hostname "${name}" could not be reached\n\t[WARNING Hostname]: hostname "${name}": lookup ${name} on 127.0.0.53:53: ${why}\n`;
}

async function prepared(hosts: string[]): Promise<World> {
  const world = bootWorld('machines', 1);
  for (const host of hosts) await runScript(world, host, PREPARE_NODE);
  return world;
}

/** The worker join command printed by init, on one line. */
function joinCommand(initOut: string): string {
  return /kubeadm join \S+ --token \S+ \\\n\t--discovery-token-ca-cert-hash \S+/.exec(initOut)![0].replace(' \\\n\t', ' ');
}

describe('kubeadm init --node-name and join --node-name', () => {
  let world: World;
  let init: { stdout: string; stderr: string; status: number };
  let join: { stdout: string; stderr: string; status: number };

  beforeAll(async () => {
    world = await prepared(['cka01', 'cka02', 'cka03']);
    // Upper case is lowercased, as kubeadm's GetHostname does.
    init = await runScript(world, 'cka01', `kubeadm init --pod-network-cidr=10.244.0.0/16 --node-name Control-1\n${KUBECONFIG}\n${FLANNEL}`);
    join = await runScript(world, 'cka02', `${joinCommand(init.stdout)} --node-name worker-a`);
    await runScript(world, 'cka03', joinCommand(init.stdout));
    await runScript(world, 'cka01', 'sleep 60');
  }, 120_000);

  it('init prints and signs the node name: etcd and apiserver certificates, mark-control-plane', () => {
    // The Hostname preflight check looks the name up: nothing knows control-1.
    expect(init.stderr).toBe(unreachable('control-1'));
    expect(init.status).toBe(0);
    expect(init.stdout).toContain('[certs] apiserver serving cert is signed for DNS names [control-1 kubernetes kubernetes.default kubernetes.default.svc kubernetes.default.svc.cluster.local] and IPs [10.96.0.1 192.168.6.171]\n');
    expect(init.stdout).toContain('[certs] etcd/server serving cert is signed for DNS names [control-1 localhost] and IPs [192.168.6.171 127.0.0.1 ::1]\n');
    expect(init.stdout).toContain('[certs] etcd/peer serving cert is signed for DNS names [control-1 localhost] and IPs [192.168.6.171 127.0.0.1 ::1]\n');
    expect(init.stdout).toContain(
      '[mark-control-plane] Marking the node control-1 as control-plane by adding the labels: [node-role.kubernetes.io/control-plane node.kubernetes.io/exclude-from-external-load-balancers]\n' +
        '[mark-control-plane] Marking the node control-1 as control-plane by adding the taints [node-role.kubernetes.io/control-plane:NoSchedule]\n',
    );
  });

  it('the files carry the name: kubeadm-flags.env, kubelet.conf, the kubelet client certificate, the etcd manifest', async () => {
    const r = await runScript(world, 'cka01', [
      'cat /var/lib/kubelet/kubeadm-flags.env',
      "grep -c 'system:node:control-1' /etc/kubernetes/kubelet.conf",
      'openssl x509 -in /var/lib/kubelet/pki/kubelet-client-current.pem -noout -subject',
      'grep -e "--name=" -e "--initial-cluster=" /etc/kubernetes/manifests/etcd.yaml',
    ].join('\n'));
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(
      'KUBELET_KUBEADM_ARGS="--container-runtime-endpoint=unix:///var/run/containerd/containerd.sock --hostname-override=control-1 --pod-infra-container-image=registry.k8s.io/pause:3.10"\n' +
        '4\n' +
        'subject=O = system:nodes, CN = system:node:control-1\n' +
        '    - --initial-cluster=control-1=https://192.168.6.171:2380\n' +
        '    - --name=control-1\n',
    );
    // A node named after its hostname gets no --hostname-override.
    const plain = await runScript(world, 'cka03', 'cat /var/lib/kubelet/kubeadm-flags.env');
    expect(plain.stdout).toBe('KUBELET_KUBEADM_ARGS="--container-runtime-endpoint=unix:///var/run/containerd/containerd.sock --pod-infra-container-image=registry.k8s.io/pause:3.10"\n');
  });

  it('kubectl get nodes lists the registered names; mirror pods are named after the node', async () => {
    expect(join.stderr).toBe(unreachable('worker-a'));
    expect(join.status).toBe(0);
    const r = await runScript(world, 'cka01', [
      "kubectl get nodes --no-headers | awk '{print $1, $2, $3, $5}'",
      'kubectl get pods -n kube-system -l tier=control-plane -o custom-columns=NAME:.metadata.name,NODE:.spec.nodeName',
      "kubectl get node worker-a -o jsonpath='{.metadata.labels.kubernetes\\.io/hostname} {.status.addresses}{\"\\n\"}'",
    ].join('\n'));
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(
      'cka03 Ready <none> v1.33.4\n' +
        'control-1 Ready control-plane v1.33.4\n' +
        'worker-a Ready <none> v1.33.4\n' +
        'NAME                                NODE\n' +
        'etcd-control-1                      control-1\n' +
        'kube-apiserver-control-1            control-1\n' +
        'kube-controller-manager-control-1   control-1\n' +
        'kube-scheduler-control-1            control-1\n' +
        'worker-a [{"address":"192.168.6.172","type":"InternalIP"},{"address":"worker-a","type":"Hostname"}]\n',
    );
  });

  it('pods scheduled to the renamed worker run there, with logs and exec through its kubelet', async () => {
    const r = await runScript(world, 'cka01', [
      'kubectl run web --image=nginx --overrides=\'{"spec":{"nodeName":"worker-a"}}\' >/dev/null',
      'sleep 20',
      "kubectl get pod web -o jsonpath='{.spec.nodeName} {.status.phase} {.status.hostIP}{\"\\n\"}'",
      'kubectl exec web -- hostname',
      'kubectl logs web | head -1',
    ].join('\n'));
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\n').slice(0, 2).join('\n')).toBe('worker-a Running 192.168.6.172\nweb');
    expect(r.stdout.split('\n')[2]).not.toBe('');
  });

  it('a saved and restored world keeps the names: each kubelet reads its flags again when it starts', async () => {
    const restored = World.fromJSON(JSON.parse(JSON.stringify(world.toJSON())));
    const r = await runScript(restored, 'cka01', "sleep 20; kubectl get nodes --no-headers | awk '{print $1, $2}'; kubectl get pods -n kube-system -l component=etcd -o name");
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('cka03 Ready\ncontrol-1 Ready\nworker-a Ready\npod/etcd-control-1\n');
  });

  it('join under the name of a Ready Node fails before the kubelet starts, changing nothing', async () => {
    await runScript(world, 'cka03', 'kubeadm reset -f >/dev/null 2>&1');
    const r = await runScript(world, 'cka03', `${joinCommand(init.stdout)} --node-name worker-a; echo rc=$?; ls /var/lib/kubelet`);
    expect(r.stderr).toBe(`${unreachable('worker-a')}error execution phase kubelet-start: a Node with name "worker-a" and status "Ready" already exists in the cluster. You must delete the existing Node or change the name of this new joining Node\n${STACK_HINT}`);
    expect(r.stdout).toBe(
      '[preflight] Running pre-flight checks\n' +
        '[preflight] Reading configuration from the cluster...\n' +
        "[preflight] FYI: You can look at this config file with 'kubectl -n kube-system get cm kubeadm-config -o yaml'\n" +
        'rc=1\n',
    );
  });

  it('upgrade plan names the kubelets and the control plane by their Nodes', () => {
    const input = planInput(world, kubeadmRelease('v1.33.4'))!;
    expect(input.controlPlane).toBe('control-1');
    expect(input.kubelets).toEqual([
      ['cka03', 'v1.33.4'],
      ['control-1', 'v1.33.4'],
      ['worker-a', 'v1.33.4'],
    ]);
  });

  it('upgrade node finds the node through kubelet.conf, and fails like kubeadm once that Node is gone', async () => {
    const ok = await runScript(world, 'cka02', 'kubeadm upgrade node >/dev/null 2>&1; echo rc=$?');
    expect(ok.stdout).toBe('rc=0\n');
    await runScript(world, 'cka01', 'kubectl delete node worker-a >/dev/null');
    const gone = await runScript(world, 'cka02', 'kubeadm upgrade node; echo rc=$?');
    expect(gone.stdout).toBe(
      '[upgrade] Reading configuration from the "kubeadm-config" ConfigMap in namespace "kube-system"...\n' +
        "[upgrade] Use 'kubeadm init phase upload-config --config your-config-file' to re-upload it.\n" +
        'rc=1\n',
    );
    expect(gone.stderr).toBe(`unable to fetch the kubeadm-config ConfigMap: failed to get node registration: failed to get corresponding node: nodes "worker-a" not found\n${STACK_HINT}`);
  });
});

describe('without --node-name the running hostname names the node', () => {
  it('hostnamectl set-hostname before join: the node takes that name (lowercased), with no --hostname-override', async () => {
    const world = await prepared(['cka01', 'cka02']);
    const init = await runScript(world, 'cka01', `kubeadm init --pod-network-cidr=10.244.0.0/16\n${KUBECONFIG}`);
    const j = await runScript(world, 'cka02', `hostnamectl set-hostname Worker-X\n${joinCommand(init.stdout)} >/dev/null; echo rc=$?\ncat /var/lib/kubelet/kubeadm-flags.env`);
    expect(j.stderr).toBe('');
    expect(j.stdout).toBe('rc=0\nKUBELET_KUBEADM_ARGS="--container-runtime-endpoint=unix:///var/run/containerd/containerd.sock --pod-infra-container-image=registry.k8s.io/pause:3.10"\n');
    expect((await runScript(world, 'cka01', 'kubectl get nodes -o name')).stdout).toBe('node/cka01\nnode/worker-x\n');
  });
});

describe('the Hostname preflight check', () => {
  it('a node name /etc/hosts knows draws no warning', async () => {
    const world = await prepared(['cka01', 'cka02']);
    const init = await runScript(world, 'cka01', `echo '192.168.6.171 cp-main' >> /etc/hosts\nkubeadm init --pod-network-cidr=10.244.0.0/16 --node-name cp-main >/dev/null; echo rc=$?`);
    expect(init).toEqual({ stdout: 'rc=0\n', stderr: '', status: 0 });
  });
});

describe('join --node-name after a boolean flag', () => {
  it('--discovery-token-unsafe-skip-ca-verification takes no value: the name that follows it still counts', async () => {
    const world = await prepared(['cka01', 'cka02']);
    const init = await runScript(world, 'cka01', `kubeadm init --pod-network-cidr=10.244.0.0/16\n${KUBECONFIG}`);
    const [, endpoint, token] = /kubeadm join (\S+) --token (\S+)/.exec(init.stdout)!;
    const j = await runScript(world, 'cka02', `kubeadm join ${endpoint} --token ${token} --discovery-token-unsafe-skip-ca-verification --node-name edge-2 >/dev/null; echo rc=$?`);
    expect(j.stderr).toBe(unreachable('edge-2'));
    expect(j.stdout).toBe('rc=0\n');
    expect((await runScript(world, 'cka01', 'kubectl get nodes -o name')).stdout).toBe('node/cka01\nnode/edge-2\n');
  });
});

describe('nodeRegistration.name in a configuration file', () => {
  const CONFIG = [
    "cat > /root/kubeadm.yaml <<'EOF'",
    'apiVersion: kubeadm.k8s.io/v1beta4',
    'kind: InitConfiguration',
    'nodeRegistration:',
    '  name: Node-From-Config',
    '---',
    'apiVersion: kubeadm.k8s.io/v1beta4',
    'kind: ClusterConfiguration',
    'networking:',
    '  podSubnet: 10.244.0.0/16',
    'EOF',
  ].join('\n');

  it('init --config registers the configured name (lowercased)', async () => {
    const world = await prepared(['cka01']);
    const r = await runScript(world, 'cka01', `${CONFIG}\nkubeadm init --config /root/kubeadm.yaml >/dev/null; echo rc=$?\n${KUBECONFIG}\nkubectl get nodes -o name\ncat /var/lib/kubelet/kubeadm-flags.env`);
    expect(r.stderr).toBe(unreachable('node-from-config'));
    expect(r.stdout).toBe('rc=0\nnode/node-from-config\nKUBELET_KUBEADM_ARGS="--container-runtime-endpoint=unix:///var/run/containerd/containerd.sock --hostname-override=node-from-config --pod-infra-container-image=registry.k8s.io/pause:3.10"\n');
  });

  it('--node-name may be given with --config and wins over the file', async () => {
    const world = await prepared(['cka01']);
    const r = await runScript(world, 'cka01', `${CONFIG}\nkubeadm init --config /root/kubeadm.yaml --node-name cp.lab.example >/dev/null; echo rc=$?\n${KUBECONFIG}\nkubectl get nodes -o name`);
    // A dotted name goes to the upstream servers: NXDOMAIN.
    expect(r.stderr).toBe(unreachable('cp.lab.example'));
    expect(r.stdout).toBe('rc=0\nnode/cp.lab.example\n');
  });

  it('a JoinConfiguration names the worker', async () => {
    const world = await prepared(['cka01', 'cka02']);
    const init = await runScript(world, 'cka01', `kubeadm init --pod-network-cidr=10.244.0.0/16\n${KUBECONFIG}`);
    const [, endpoint, token, hash] = /kubeadm join (\S+) --token (\S+) \\\n\t--discovery-token-ca-cert-hash (\S+)/.exec(init.stdout)!;
    const config = [
      "cat > /root/join.yaml <<'EOF'",
      'apiVersion: kubeadm.k8s.io/v1beta4',
      'kind: JoinConfiguration',
      'discovery:',
      '  bootstrapToken:',
      `    apiServerEndpoint: ${endpoint}`,
      `    token: ${token}`,
      '    caCertHashes:',
      `    - ${hash}`,
      'nodeRegistration:',
      '  name: edge-1',
      'EOF',
      'kubeadm join --config /root/join.yaml >/dev/null; echo rc=$?',
    ].join('\n');
    const j = await runScript(world, 'cka02', config);
    expect(j.stderr).toBe(unreachable('edge-1'));
    expect(j.stdout).toBe('rc=0\n');
    expect((await runScript(world, 'cka01', 'kubectl get nodes -o name')).stdout).toBe('node/cka01\nnode/edge-1\n');
  });
});

describe('an invalid node name', () => {
  it('init refuses it with kubeadm\'s validation error before any phase, changing nothing', async () => {
    const world = await prepared(['cka01']);
    const r = await runScript(world, 'cka01', 'kubeadm init --node-name my_node; echo rc=$?; ls /etc/kubernetes/manifests');
    expect(r.stdout).toBe('rc=1\n');
    expect(r.stderr).toBe(`nodeRegistration.name: Invalid value: "my_node": ${DNS1123}\n${STACK_HINT}`);
  });

  it('a name too long and malformed gets both errors, aggregated', async () => {
    const world = await prepared(['cka01']);
    const name = `${'a'.repeat(254)}.`;
    const r = await runScript(world, 'cka01', `kubeadm init --node-name ${name}; echo rc=$?`);
    expect(r.stdout).toBe('rc=1\n');
    expect(r.stderr).toBe(`[nodeRegistration.name: Invalid value: "${name}": must be no more than 253 characters, nodeRegistration.name: Invalid value: "${name}": ${DNS1123}]\n${STACK_HINT}`);
  });

  it('in a configuration file and on join too', async () => {
    const world = await prepared(['cka01']);
    const r = await runScript(
      world,
      'cka01',
      [
        "printf 'apiVersion: kubeadm.k8s.io/v1beta4\\nkind: InitConfiguration\\nnodeRegistration:\\n  name: -edge\\n' > /root/bad.yaml",
        'kubeadm init --config /root/bad.yaml; echo rc=$?',
        'kubeadm join 192.168.6.171:6443 --token abcdef.0123456789abcdef --discovery-token-ca-cert-hash sha256:00 --node-name web@1; echo rc=$?',
      ].join('\n'),
    );
    expect(r.stdout).toBe('rc=1\nrc=1\n');
    expect(r.stderr).toBe(`nodeRegistration.name: Invalid value: "-edge": ${DNS1123}\n${STACK_HINT}nodeRegistration.name: Invalid value: "web@1": ${DNS1123}\n${STACK_HINT}`);
  });
});

describe('a control plane joined under its own name', () => {
  it('gets the etcd member, certificates and mirror pods of that name; reset removes that member', async () => {
    const hosts = "printf '%s\\n' '192.168.6.171 cka01 k8s-api.cka.lab' >> /etc/hosts\n";
    const world = bootWorld('machines', 1);
    for (const host of ['cka01', 'cka02']) await runScript(world, host, hosts + PREPARE_NODE);
    const init = await runScript(world, 'cka01', `kubeadm init --control-plane-endpoint=k8s-api.cka.lab:6443 --upload-certs --pod-network-cidr=10.244.0.0/16 --node-name cp-1\n${KUBECONFIG}`);
    const cp = /kubeadm join (\S+) --token (\S+) \\\n\t--discovery-token-ca-cert-hash (\S+) \\\n\t--control-plane --certificate-key (\S+)/.exec(init.stdout)!;
    const join = await runScript(world, 'cka02', `kubeadm join ${cp[1]} --token ${cp[2]} --discovery-token-ca-cert-hash ${cp[3]} --control-plane --certificate-key ${cp[4]} --node-name cp-2`);
    expect(join.stderr).toBe(unreachable('cp-2'));
    expect(join.stdout).toContain('[certs] etcd/server serving cert is signed for DNS names [cp-2 localhost] and IPs [192.168.6.172 127.0.0.1 ::1]\n');
    expect(etcdMembers(world).map((m) => m.name)).toEqual(['cp-1', 'cp-2']);
    const r = await runScript(world, 'cka01', "kubectl get nodes -o custom-columns=NAME:.metadata.name --no-headers\nkubectl get pods -n kube-system -l component=kube-apiserver -o name\ncat /var/lib/kubelet/kubeadm-flags.env | grep -o -- '--hostname-override=[^ ]*'");
    expect(r.stdout).toBe('cp-1\ncp-2\npod/kube-apiserver-cp-1\npod/kube-apiserver-cp-2\n--hostname-override=cp-1\n');
    await runScript(world, 'cka02', 'kubeadm reset -f >/dev/null 2>&1');
    expect(etcdMembers(world).map((m) => m.name)).toEqual(['cp-1']);
  }, 60_000);
});

describe('the kubelet names its Node from its own flags', () => {
  it('a --hostname-override in /etc/default/kubelet (KUBELET_EXTRA_ARGS) is read when the kubelet (re)starts, not before', async () => {
    const world = await prepared(['cka01', 'cka02']);
    const init = await runScript(world, 'cka01', `kubeadm init --pod-network-cidr=10.244.0.0/16\n${KUBECONFIG}`);
    await runScript(world, 'cka02', joinCommand(init.stdout));
    const kubelet = () => clusterOf(world)!.kubelets.get('cka02')!;
    await runScript(world, 'cka02', "echo 'KUBELET_EXTRA_ARGS=\"--hostname-override=Renamed\"' > /etc/default/kubelet");
    expect(kubelet().nodeName).toBe('cka02');
    await runScript(world, 'cka02', 'systemctl restart kubelet');
    expect(kubelet().nodeName).toBe('renamed');
    // Its credentials still say system:node:cka02 (the client certificate kubelet.conf's default-auth
    // names): the name alone does not make it another node.
    expect((await runScript(world, 'cka02', 'openssl x509 -in /var/lib/kubelet/pki/kubelet-client-current.pem -noout -subject')).stdout).toBe('subject=O = system:nodes, CN = system:node:cka02\n');
  });
});
