/**
 * What installing or erasing an rpm does to the machine. Payloads are those of the Debian
 * packages of the same name where the files are the same, with the Red Hat layout where it
 * differs (/etc/sysconfig/kubelet, units under /usr/lib). Unlike Debian's maintainer scripts, an
 * rpm never enables or starts its service: `systemctl enable --now` is the administrator's job.
 */
import type { Machine } from '../../machine/machine';
import type { World } from '../../world';
import { Systemd } from '../../systemd/manager';
import { packagesState, placePayload } from '../db';
import { KUBEADM_DROPIN, PAYLOADS, type PackagePayload } from '../files';
import type { RpmEntry } from './catalogue';
import { CHRONYD_SERVICE_EL7, DOCKER_SERVICE_EL7, EPEL_REPO } from './files';

const RPM_PAYLOADS: Record<string, PackagePayload> = {
  kubeadm: { programs: { kubeadm: '/usr/bin' }, files: { '/usr/lib/systemd/system/kubelet.service.d/10-kubeadm.conf': KUBEADM_DROPIN.replace('/etc/default/kubelet', '/etc/sysconfig/kubelet') } },
  kubelet: { ...PAYLOADS.kubelet, files: { ...PAYLOADS.kubelet.files, '/etc/sysconfig/kubelet': 'KUBELET_EXTRA_ARGS=\n' } },
  'docker-ce': { programs: { dockerd: '/usr/bin', 'docker-init': '/usr/bin', 'docker-proxy': '/usr/bin' }, files: { '/usr/lib/systemd/system/docker.service': DOCKER_SERVICE_EL7, '/usr/lib/systemd/system/docker.socket': PAYLOADS['docker-ce'].files!['/usr/lib/systemd/system/docker.socket'] }, systemGroups: [{ name: 'docker', tool: 'groupadd' }] },
  'containerd.io': { ...PAYLOADS['containerd.io'], services: [] },
  wget: { programs: { wget: '/usr/bin' } },
  'yum-utils': { programs: { 'yum-config-manager': '/usr/bin', 'package-cleanup': '/usr/bin', repoquery: '/usr/bin', yumdownloader: '/usr/bin' } },
  'epel-release': { files: { '/etc/yum.repos.d/epel.repo': EPEL_REPO, '/etc/pki/rpm-gpg/RPM-GPG-KEY-EPEL-7': '-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nmQINBFKuaIQBEADjufuO6VWlsFbNOGtSu7V+FJXMFHgr+bVv1hP4nrOx3Hb7NnLn\n-----END PGP PUBLIC KEY BLOCK-----\n' } },
  'conntrack-tools': { programs: { conntrack: '/usr/sbin' } },
  chrony: { programs: { chronyc: '/usr/bin', chronyd: '/usr/sbin' }, files: { '/usr/lib/systemd/system/chronyd.service': CHRONYD_SERVICE_EL7 } },
  'vim-enhanced': { programs: { vim: '/usr/bin' } },
  'net-tools': { programs: { netstat: '/usr/bin', ifconfig: '/usr/sbin', route: '/usr/sbin', arp: '/usr/sbin' } },
  'bind-utils': { programs: { dig: '/usr/bin', nslookup: '/usr/bin', host: '/usr/bin' } },
  telnet: { programs: { telnet: '/usr/bin' } },
  lsof: { programs: { lsof: '/usr/sbin' } },
  jq: { programs: { jq: '/usr/bin' } },
  htop: { programs: { htop: '/usr/bin' } },
};

export function rpmPayload(name: string): PackagePayload | undefined {
  if (name in RPM_PAYLOADS) return RPM_PAYLOADS[name];
  const deb = PAYLOADS[name];
  return deb ? { ...deb, services: [] } : undefined;
}

/** rpm -i/-U of one package (yum's "Installing"/"Updating"). */
export function installRpm(machine: Machine, world: World | undefined, now: () => number, entry: RpmEntry, auto: boolean, repo?: string): void {
  const s = packagesState(machine);
  const prev = s.installed[entry.name];
  s.installed[entry.name] = { version: entry.evr, arch: entry.arch, auto: prev ? prev.auto && auto : auto, hold: prev?.hold ?? false, repo };
  const payload = rpmPayload(entry.name);
  if (!payload) return;
  placePayload(machine, payload);
  const sd = new Systemd(machine, world, now);
  // The %post of packages with units runs `systemctl daemon-reload`; an upgrade restarts a running service (%postun try-restart).
  sd.daemonReload();
  if (prev) for (const unit of Object.keys(payload.files ?? {}).filter((f) => f.endsWith('.service')).map((f) => f.slice(f.lastIndexOf('/') + 1))) if (sd.isActive(unit)) sd.restart(unit);
}

/** rpm -e: the service stops (%preun), files go; configuration files under /etc stay as .rpmsave only when changed (kept here). */
export function eraseRpm(machine: Machine, world: World | undefined, now: () => number, name: string): void {
  const s = packagesState(machine);
  delete s.installed[name];
  const payload = rpmPayload(name);
  if (!payload) return;
  const fs = machine.rootFs;
  const sd = new Systemd(machine, world, now);
  for (const f of Object.keys(payload.files ?? {}).filter((p) => p.endsWith('.service'))) {
    const unit = f.slice(f.lastIndexOf('/') + 1);
    sd.stop(unit);
    sd.disable(unit);
  }
  for (const [prog, dir] of Object.entries(payload.programs ?? {})) {
    try {
      fs.remove(`${dir}/${prog}`);
    } catch {
      /* already gone */
    }
  }
  for (const path of Object.keys(payload.files ?? {})) {
    if (path.startsWith('/etc/')) continue;
    try {
      fs.remove(path);
    } catch {
      /* already gone */
    }
  }
}
