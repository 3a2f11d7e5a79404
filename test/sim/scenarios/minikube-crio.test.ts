/**
 * generateCRIOConfig (minikube v1.36.0 pkg/minikube/cruntime/crio.go) edits
 * /etc/crio/crio.conf.d/02-crio.conf with sed. The simulation's edit is checked against GNU sed
 * running minikube's very command lines on the same input: kicbase's file (deploy/kicbase/02-crio.conf)
 * and variants that take the other branches (a conmon_cgroup to drop, a default_sysctls list to keep,
 * an old ip_unprivileged_port_start entry to replace).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { minikubeCrioConfig } from '../../../src/sim/scenarios/minikube-crio';

const KICBASE = '[crio.image]\n# pause_image = ""\n\n[crio.network]\n# cni_default_network = ""\n\n[crio.runtime]\n# cgroup_manager = ""\n';

/** generateCRIOConfig's commands for Kubernetes >= 1.22, as `sh -c` runs them. */
function realSed(input: string, pause: string, driver: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'crio-'));
  const f = join(dir, '02-crio.conf');
  writeFileSync(f, input);
  const commands = [
    `sed -i 's|^.*pause_image = .*$|pause_image = "${pause}"|' ${f}`,
    `sed -i 's|^.*cgroup_manager = .*$|cgroup_manager = "${driver}"|' ${f}`,
    `sed -i '/conmon_cgroup = .*/d' ${f}`,
    `sed -i '/cgroup_manager = .*/a conmon_cgroup = "pod"' ${f}`,
    `sed -i '/^ *"net.ipv4.ip_unprivileged_port_start=.*"/d' ${f}`,
    `grep -q "^ *default_sysctls" ${f} || sed -i '/conmon_cgroup = .*/a default_sysctls = \\[\\n\\]' ${f}`,
    `sed -i -r 's|^default_sysctls *= *\\[|&\\n  "net.ipv4.ip_unprivileged_port_start=0",|' ${f}`,
  ];
  for (const c of commands) execFileSync('sh', ['-c', c]);
  return readFileSync(f, 'utf8');
}

describe('02-crio.conf as minikube edits it', () => {
  it('kicbase\'s file: the same text as GNU sed gives', () => {
    const ours = minikubeCrioConfig('registry.k8s.io/pause:3.10', 'systemd');
    expect(ours).toBe(realSed(KICBASE, 'registry.k8s.io/pause:3.10', 'systemd'));
    expect(ours).toBe('[crio.image]\npause_image = "registry.k8s.io/pause:3.10"\n\n[crio.network]\n# cni_default_network = ""\n\n[crio.runtime]\ncgroup_manager = "systemd"\nconmon_cgroup = "pod"\ndefault_sysctls = [\n  "net.ipv4.ip_unprivileged_port_start=0",\n]\n');
  });

  it('files edited before (a second start): the same text as GNU sed gives', () => {
    const variants = [
      minikubeCrioConfig('registry.k8s.io/pause:3.9', 'cgroupfs'),
      '[crio.runtime]\ncgroup_manager = "cgroupfs"\nconmon_cgroup = "system.slice"\ndefault_sysctls = [\n  "net.ipv4.ip_unprivileged_port_start=1024",\n  "net.ipv4.ping_group_range=0 1",\n]\n',
      '[crio.image]\npause_image = "k8s.gcr.io/pause:3.2"\n',
    ];
    for (const input of variants) {
      for (const driver of ['systemd', 'cgroupfs'] as const) {
        expect(minikubeCrioConfig('registry.k8s.io/pause:3.10', driver, input)).toBe(realSed(input, 'registry.k8s.io/pause:3.10', driver));
      }
    }
  });
});
