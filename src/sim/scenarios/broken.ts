/**
 * Broken variants of the `cluster` scenario that labs and exam questions start from: the cluster is
 * built as usual, then broken the way it breaks on a real node (a unit stopped, a manifest edited),
 * and simulated time runs long enough for the symptoms to show.
 */
import { systemdOf } from '../systemd/manager';
import type { World, WorldOptions } from '../world';
import type { Machine } from '../machine/machine';
import type { Scenario } from './index';
import { clusterScenario } from './cluster';
import { configuredSystemdCgroup, containerdSystemdCgroup } from '../runtime/cgroup-driver';
import { clusterOf } from '../cluster/attach';
import { ApiClient } from '../apiserver/client';
import { joinCommand, listTokens } from '../kubeadm/init';
import { caCertHash } from '../kubeadm/versions';
import { resetNode } from '../kubeadm/reset-certs';

const KUBELET_CONFIG = '/var/lib/kubelet/config.yaml';
/** Where the expired-token scenario keeps the join command `kubeadm init` printed. */
export const SAVED_JOIN_FILE = '/root/kubeadm-join.txt';
/** A bootstrap token lives 24 h; a day and an hour later the token cleaner has deleted it. */
const PAST_TOKEN_TTL_MS = 25 * 3600_000;

/** Long enough for the node lifecycle controller (40 s grace) and the kubelet's back-off to show. */
const SETTLE_MS = 90_000;

/** Breaks one machine of the built cluster, then lets simulated time run until the symptoms show. */
function onNode(world: World, host: string, action: (machine: Machine) => void): void {
  const machine = world.resolveHost(host);
  if (!machine) throw new Error(`broken scenario: no machine ${host}`);
  action(machine);
  world.clock.advance(SETTLE_MS);
}

/**
 * The lab machines suspended for a while, as VMs on a laptop are overnight: every component of the
 * cluster stops, the clock jumps, and they resume where they were (kubelets first, so that their
 * leases are fresh when the controllers look). Simulating a day of an idle cluster minute by minute
 * would cost seconds; what a day changes is what the resumed components find (expired tokens).
 */
function suspendOvernight(world: World, ms: number): void {
  const cluster = clusterOf(world);
  if (!cluster) throw new Error('broken scenario: no cluster to suspend');
  const running = [...cluster.kubelets.values()].filter((k) => k.running);
  for (const k of running) k.stop();
  cluster.controllerManager.stop();
  cluster.scheduler.stop();
  world.clock.advance(ms);
  for (const k of running) k.start();
  cluster.reconcileComponents();
  world.clock.advance(SETTLE_MS);
}

export const BROKEN_SCENARIOS: Record<string, Scenario> = {
  'cluster-kubelet-stopped': {
    description: 'the cluster with the kubelet on cka02 stopped and disabled: cka02 NotReady, its pods unreachable',
    build(world: World, options: WorldOptions): void {
      clusterScenario.build(world, options);
      onNode(world, 'cka02', (machine) => {
        const systemd = systemdOf(machine, world, () => world.clock.now());
        const stopped = systemd.stop('kubelet.service');
        const disabled = systemd.disable('kubelet.service');
        if (!stopped.ok || ('ok' in disabled && !disabled.ok)) throw new Error('broken scenario: cannot stop the kubelet on cka02');
      });
    },
  },
  'cluster-wrong-cgroup-driver': {
    description: 'the cluster with the kubelet on cka02 switched to the cgroupfs driver while containerd uses systemd cgroups: new pods on cka02 fail with FailedCreatePodSandBox',
    build(world: World, options: WorldOptions): void {
      clusterScenario.build(world, options);
      onNode(world, 'cka02', (machine) => {
        const fs = machine.rootFs;
        const systemd = systemdOf(machine, world, () => world.clock.now());
        // containerd as the install chapter leaves it (prepare-node): runc with systemd cgroups.
        if (!configuredSystemdCgroup(machine)) throw new Error('broken scenario: containerd on cka02 does not use systemd cgroups');
        // Someone "fixed" the kubelet's cgroup driver by hand and restarted it.
        const config = fs.readFile(KUBELET_CONFIG);
        const broken = config.replace(/^cgroupDriver: systemd$/m, 'cgroupDriver: cgroupfs');
        if (broken === config) throw new Error('broken scenario: no cgroupDriver in the kubelet config of cka02');
        fs.writeFile(KUBELET_CONFIG, broken);
        if (!systemd.restart('kubelet.service').ok) throw new Error('broken scenario: cannot restart the kubelet on cka02');
        // containerd's cgroup driver of this run is the one it read at its start.
        containerdSystemdCgroup(machine);
      });
    },
  },
  'cluster-expired-token': {
    description: `the cluster with cka03 reset and removed, the join command kubeadm init printed kept in ${SAVED_JOIN_FILE} on cka01, and a day gone: its bootstrap token expired and was deleted`,
    build(world: World, options: WorldOptions): void {
      clusterScenario.build(world, options);
      const cluster = clusterOf(world);
      const cp = world.resolveHost('cka01');
      const node = world.resolveHost('cka03');
      if (!cluster || !cp || !node) throw new Error('broken scenario: no cluster with cka01 and cka03');
      const admin = new ApiClient(cluster.apiServer, undefined, 'kubeadm');
      // What the admin copied from the output of kubeadm init: the worker join command with init's token.
      const token = listTokens(admin).find((t) => t.usages.includes('authentication'));
      if (!token) throw new Error('broken scenario: no bootstrap token from kubeadm init');
      const caPem = cp.rootFs.readFile('/etc/kubernetes/pki/ca.crt');
      cp.rootFs.writeFile(SAVED_JOIN_FILE, `${joinCommand(`${cp.ip}:6443`, `${token.id}.${token.secret}`, caCertHash(caPem))}\n`);
      // cka03 left the cluster: kubectl delete node on the control plane, kubeadm reset -f on the node.
      const deleted = admin.delete({ group: '', version: 'v1', resource: 'nodes' }, undefined, 'cka03');
      if (deleted.code !== 200) throw new Error('broken scenario: cannot delete the node cka03');
      resetNode(node, world, () => world.clock.now());
      suspendOvernight(world, PAST_TOKEN_TTL_MS);
    },
  },
  'cluster-broken-scheduler': {
    description: 'the cluster with a typo in the kube-scheduler static pod manifest (an image tag that does not exist): new pods stay Pending',
    build(world: World, options: WorldOptions): void {
      clusterScenario.build(world, options);
      onNode(world, 'cka01', (machine) => {
        const fs = machine.rootFs;
        const path = '/etc/kubernetes/manifests/kube-scheduler.yaml';
        const manifest = fs.readFile(path);
        const broken = manifest.replace(/(image: registry\.k8s\.io\/kube-scheduler:v\d+\.\d+\.\d+)/, '$14');
        if (broken === manifest) throw new Error('broken scenario: no kube-scheduler image in its manifest');
        fs.writeFile(path, broken);
      });
    },
  },
};
