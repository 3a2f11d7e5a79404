/**
 * `kubeadm join --control-plane` (cmd/kubeadm/app/cmd/phases/join): a new control plane instance
 * on a cluster that has a stable controlPlaneEndpoint. The shared certificates come from the
 * kubeadm-certs Secret (--certificate-key) or are already on disk (copied by hand); the node gets
 * its own serving certificates, kubeconfigs and static pods; the stacked etcd gains a member.
 */
import type { Cluster } from '../cluster/cluster';
import { ApiClient } from '../apiserver';
import { lookupImage } from '../runtime/images';
import { Systemd } from '../systemd/manager';
import { firstServiceIp, writeControlPlaneFiles } from '../cluster/kubeadm-files';
import { requiredImages } from './versions';
import { downloadCerts, SHARED_CERTS } from './upload-certs';
import { addEtcdMember, etcdMembers } from './etcd-members';
import { canBind } from '../cluster/control-plane-processes';
import { runningHostname } from '../kubelet/flags';
import { markControlPlane, readyNodeNamed, storedClusterSettings, storedControlPlaneEndpoint, type PhaseEnv } from './init';

export interface ControlPlaneJoin {
  cluster: Cluster;
  admin: ApiClient;
  certificateKey?: string;
  advertiseAddress?: string;
  /** The new node's name (nodeRegistration.name); default: the lowercased hostname. */
  nodeName?: string;
  /** nodeRegistration.kubeletExtraArgs of the configuration file. */
  kubeletExtraArgs?: Array<{ name: string; value: string }>;
}

const NO_ENDPOINT = `error execution phase preflight: 
One or more conditions for hosting a new control plane instance is not satisfied.

unable to add a new control plane instance to a cluster that doesn't have a stable controlPlaneEndpoint address

Please ensure that:
* The cluster has a stable controlPlaneEndpoint address.
* The certificates that must be shared among control plane instances are provided.

`;

/** The preflight part: refuses a cluster without controlPlaneEndpoint, as kubeadm does. */
export function controlPlanePreflight(j: ControlPlaneJoin): string | undefined {
  return storedControlPlaneEndpoint(j.admin) ? undefined : NO_ENDPOINT + '\nTo see the stack trace of this error execute with --v=5 or higher';
}

export async function joinControlPlane(env: PhaseEnv, j: ControlPlaneJoin): Promise<{ status: number; error?: string }> {
  const { machine: m, world, release } = env;
  const node = j.nodeName ?? runningHostname(m).trim().toLowerCase();
  const endpoint = storedControlPlaneEndpoint(j.admin)!;
  const advertise = j.advertiseAddress ?? m.ip;
  env.out('[preflight] Running pre-flight checks before initializing the new control plane instance');
  env.out('[preflight] Pulling images required for setting up a Kubernetes cluster');
  env.out('[preflight] This might take a minute or two, depending on the speed of your internet connection');
  env.out("[preflight] You can also perform this action beforehand using 'kubeadm config images pull'");
  await env.sleep(8_000);
  if (j.certificateKey !== undefined) {
    env.out('[download-certs] Downloading the certificates in Secret "kubeadm-certs" in the "kube-system" Namespace');
    const error = downloadCerts(j.admin, m, j.certificateKey);
    if (error) return { status: 1, error: `${error}\nTo see the stack trace of this error execute with --v=5 or higher` };
    env.out('[download-certs] Saving the certificates to the folder: "/etc/kubernetes/pki"');
  } else {
    const missing = Object.values(SHARED_CERTS).find((f) => !m.rootFs.stat(`/etc/kubernetes/pki/${f}`));
    if (missing) {
      return {
        status: 1,
        error: `error execution phase preflight: \nOne or more conditions for hosting a new control plane instance is not satisfied.\n\n[failure loading certificate for CA: couldn't load the certificate file /etc/kubernetes/pki/${missing}: open /etc/kubernetes/pki/${missing}: no such file or directory]\n\nPlease ensure that:\n* The cluster has a stable controlPlaneEndpoint address.\n* The certificates that must be shared among control plane instances are provided.\n\n\nTo see the stack trace of this error execute with --v=5 or higher`,
      };
    }
  }
  const version = j.cluster.version;
  env.out('[certs] Using certificateDir folder "/etc/kubernetes/pki"');
  const host = endpoint.replace(/:\d+$/, '');
  env.out('[certs] Generating "etcd/server" certificate and key');
  env.out(`[certs] etcd/server serving cert is signed for DNS names [${node} localhost] and IPs [${advertise} 127.0.0.1 ::1]`);
  env.out('[certs] Generating "etcd/peer" certificate and key');
  env.out(`[certs] etcd/peer serving cert is signed for DNS names [${node} localhost] and IPs [${advertise} 127.0.0.1 ::1]`);
  env.out('[certs] Generating "etcd/healthcheck-client" certificate and key');
  env.out('[certs] Generating "apiserver-etcd-client" certificate and key');
  env.out('[certs] Generating "apiserver" certificate and key');
  env.out(`[certs] apiserver serving cert is signed for DNS names [${node} ${host} kubernetes kubernetes.default kubernetes.default.svc kubernetes.default.svc.cluster.local] and IPs [${firstServiceIp(storedClusterSettings(j.admin).serviceSubnet)} ${advertise}]`);
  env.out('[certs] Generating "apiserver-kubelet-client" certificate and key');
  env.out('[certs] Generating "front-proxy-client" certificate and key');
  env.out('[certs] Valid certificates and keys now exist in "/etc/kubernetes/pki"');
  env.out('[certs] Using the existing "sa" key');
  const members = etcdMembers(world);
  const settings = storedClusterSettings(j.admin);
  // The new etcd member joins as a learner (kubeadm's EtcdLearnerMode): it votes once promoted.
  m.ext.etcdLearner = true;
  writeControlPlaneFiles(m, {
    version,
    etcdVersion: release.etcd,
    advertiseAddress: advertise,
    nodeName: node,
    podSubnet: settings.podSubnet,
    serviceSubnet: settings.serviceSubnet,
    imageRepository: settings.imageRepository,
    kubeletExtraArgs: j.kubeletExtraArgs,
    issuedAt: env.now(),
    controlPlaneEndpoint: endpoint,
    etcdInitialCluster: members.map((x) => `${x.name}=https://${x.ip}:2380`).join(','),
    sharedCertsPresent: true,
  });
  // kubeadm does not write root's kubeconfig on a joining node either.
  if (m.rootFs.stat('/root/.kube/config')) m.rootFs.remove('/root/.kube/config');
  if (m.rootFs.stat('/etc/kubernetes/super-admin.conf')) m.rootFs.remove('/etc/kubernetes/super-admin.conf');
  env.out('[kubeconfig] Generating kubeconfig files');
  env.out('[kubeconfig] Using kubeconfig folder "/etc/kubernetes"');
  for (const f of ['admin.conf', 'controller-manager.conf', 'scheduler.conf']) env.out(`[kubeconfig] Writing "${f}" kubeconfig file`);
  env.out('[control-plane] Using manifest folder "/etc/kubernetes/manifests"');
  for (const c of ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler']) env.out(`[control-plane] Creating static Pod manifest for "${c}"`);
  env.out('[check-etcd] Checking that the etcd cluster is healthy');
  const taken = readyNodeNamed(j.admin, node);
  if (taken) return { status: 1, error: taken };
  env.out('[kubelet-start] Writing kubelet configuration to file "/var/lib/kubelet/config.yaml"');
  env.out('[kubelet-start] Writing kubelet environment file with flags to file "/var/lib/kubelet/kubeadm-flags.env"');
  env.out('[kubelet-start] Starting the kubelet');
  // The cluster keeps a kubelet and a runtime per machine (by hostname); the kubelet names its Node from its flags.
  const kubelet = j.cluster.kubelet(m.hostname);
  const runtime = j.cluster.runtimes.get(m.hostname);
  for (const image of requiredImages(release, version, settings.imageRepository)) {
    const r = lookupImage(image);
    if (r.ok && runtime) runtime.storeImage(r.image, env.now());
  }
  const sd = new Systemd(m, world, () => env.now());
  sd.restart('kubelet.service');
  void kubelet;
  env.out('[kubelet-check] Waiting for a healthy kubelet at http://127.0.0.1:10248/healthz. This can take up to 4m0s');
  await env.sleep(1_000);
  if (!sd.isActive('kubelet.service') || sd.crashInfo('kubelet.service')) {
    env.out('[kubelet-check] The kubelet is not healthy after 4m0.000771671s');
    return { status: 1, error: 'error execution phase kubelet-start: The kubelet is not healthy after 4m0.000771671s\nTo see the stack trace of this error execute with --v=5 or higher' };
  }
  env.out('[kubelet-check] The kubelet is healthy after 1.001502132s');
  env.out('[kubelet-start] Waiting for the kubelet to perform the TLS Bootstrap');
  await env.sleep(3_000);
  env.out('[etcd] Announced new etcd member joining to the existing etcd cluster');
  env.out('[etcd] Creating static Pod manifest for "etcd"');
  if (!canBind(m, advertise)) return learnerNeverPromoted(env, members[0]?.ip ?? advertise);
  delete m.ext.etcdLearner;
  addEtcdMember(world, { name: node, ip: advertise });
  env.out('[etcd] Waiting for the new etcd member to join the cluster. This can take up to 40s');
  await env.sleep(5_000);
  markControlPlane(env, j.admin, node);
  env.out('');
  env.out('This node has joined the cluster and a new control plane instance was created:');
  env.out('');
  env.out('* Certificate signing request was sent to apiserver and approval was received.');
  env.out('* The Kubelet was informed of the new secure connection details.');
  env.out('* Control plane label and taint were applied to the new node.');
  env.out('* The Kubernetes control plane instances scaled up.');
  env.out('* A new etcd member was added to the local/stacked etcd cluster.');
  env.out('');
  env.out('To start administering your cluster from this node, you need to run the following as a regular user:');
  env.out('');
  env.out('\tmkdir -p $HOME/.kube');
  env.out('\tsudo cp -i /etc/kubernetes/admin.conf $HOME/.kube/config');
  env.out('\tsudo chown $(id -u):$(id -g) $HOME/.kube/config');
  env.out('');
  env.out("Run 'kubectl get nodes' to see this node join the cluster.");
  env.out('');
  return { status: 0 };
}

/**
 * The new member's etcd cannot start (its advertise address is not on this machine): kubeadm
 * retries promoting the learner every 500 ms for 2 minutes (the etcd client warns each time),
 * then fails. The learner never votes, so the existing members keep their quorum.
 */
async function learnerNeverPromoted(env: PhaseEnv, firstMemberIp: string): Promise<{ status: number; error: string }> {
  const error = 'rpc error: code = FailedPrecondition desc = etcdserver: can only promote a learner member which is in sync with leader';
  for (let waited = 0; waited < 120_000; waited += 500) {
    const ts = new Date(env.now()).toISOString().replace(/\.(\d{3})Z$/, '.$1417Z');
    env.err?.(JSON.stringify({ level: 'warn', ts, logger: 'etcd-client', caller: 'v3@v3.5.21/retry_interceptor.go:63', msg: 'retrying of unary invoker failed', target: `etcd-endpoints://0xc0004f2780/${firstMemberIp}:2379`, attempt: 0, error }));
    await env.sleep(500);
  }
  return { status: 1, error: 'error execution phase control-plane-join/etcd: error creating local etcd static pod manifest file: etcdserver: can only promote a learner member which is in sync with leader\nTo see the stack trace of this error execute with --v=5 or higher' };
}
