/**
 * The rules under node names: how the kubelet reads its flags (systemd EnvironmentFiles, last
 * value wins, the name lowercased) and how kubeadm resolves and validates nodeRegistration.name.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Machine, MemFs } from '../../../src/sim/machine';
import { environmentFileValue, kubeletArgs, kubeletFlag, kubeletNodeName, runningHostname } from '../../../src/sim/kubelet/flags';
import { dns1123SubdomainErrors, hostnameWarnings, nodeNameFromKubeletConf, resolveNodeName } from '../../../src/sim/kubeadm/node-name';
import { writeKubeletFiles } from '../../../src/sim/cluster/kubeadm-files';

function machine(files: Record<string, string>, hostname = 'cka02'): Machine {
  const m = new Machine({ hostname, ip: '192.168.6.172', fs: new MemFs() });
  for (const [path, text] of Object.entries(files)) {
    m.rootFs.mkdir(path.slice(0, path.lastIndexOf('/')), { recursive: true });
    m.rootFs.writeFile(path, text);
  }
  return m;
}

describe('kubelet flags', () => {
  it('reads an EnvironmentFile value with or without quotes, skipping comments; the last assignment wins', () => {
    expect(environmentFileValue('KUBELET_KUBEADM_ARGS="--a=1 --b 2"\n', 'KUBELET_KUBEADM_ARGS')).toBe('--a=1 --b 2');
    expect(environmentFileValue("# KUBELET_EXTRA_ARGS=--x\nKUBELET_EXTRA_ARGS='--y'\nKUBELET_EXTRA_ARGS=--z\n", 'KUBELET_EXTRA_ARGS')).toBe('--z');
    expect(environmentFileValue('OTHER=1\n', 'KUBELET_EXTRA_ARGS')).toBeUndefined();
  });

  it('takes kubeadm-flags.env then /etc/default/kubelet, in command-line order; a later flag wins', () => {
    const m = machine({
      '/var/lib/kubelet/kubeadm-flags.env': 'KUBELET_KUBEADM_ARGS="--container-runtime-endpoint=unix:///run/c.sock --hostname-override=from-kubeadm"\n',
      '/etc/default/kubelet': 'KUBELET_EXTRA_ARGS=--node-ip 10.0.0.5 --hostname-override=From-Extra --v=2\n',
    });
    expect(kubeletArgs(m.rootFs)).toEqual([
      ['container-runtime-endpoint', 'unix:///run/c.sock'],
      ['hostname-override', 'from-kubeadm'],
      ['node-ip', '10.0.0.5'],
      ['hostname-override', 'From-Extra'],
      ['v', '2'],
    ]);
    expect(kubeletFlag(m.rootFs, 'hostname-override')).toBe('From-Extra');
    expect(kubeletNodeName(m)).toBe('from-extra');
  });

  it('without an override the node is the lowercased running hostname; without files there are no flags', () => {
    expect(kubeletNodeName(machine({}, 'Worker-7'))).toBe('worker-7');
    expect(kubeletNodeName(machine({ '/proc/sys/kernel/hostname': 'Renamed-Host\n' }, 'cka02'))).toBe('renamed-host');
    expect(runningHostname(machine({ '/proc/sys/kernel/hostname': 'Renamed-Host\n' }, 'cka02'))).toBe('Renamed-Host');
    expect(kubeletArgs(machine({}).rootFs)).toEqual([]);
  });

  it('kubeadm writes --hostname-override only for a name other than the hostname, between the sorted flags', () => {
    const named = machine({});
    writeKubeletFiles(named, '192.168.6.171', 'CA', 'edge-1', 0, 'v1.33.4');
    expect(named.rootFs.readFile('/var/lib/kubelet/kubeadm-flags.env')).toBe('KUBELET_KUBEADM_ARGS="--container-runtime-endpoint=unix:///var/run/containerd/containerd.sock --hostname-override=edge-1 --pod-infra-container-image=registry.k8s.io/pause:3.10"\n');
    expect(kubeletNodeName(named)).toBe('edge-1');
    expect(nodeNameFromKubeletConf(named.rootFs)).toBe('edge-1');
    const plain = machine({}, 'CKA02');
    writeKubeletFiles(plain, '192.168.6.171', 'CA', 'cka02', 0, 'v1.33.4');
    expect(kubeletFlag(plain.rootFs, 'hostname-override')).toBeUndefined();
  });
});

describe('kubeadm node name resolution', () => {
  it('--node-name over the file over the hostname, trimmed and lowercased', () => {
    expect(resolveNodeName({ flag: 'Flag', configured: 'file', hostname: 'host' })).toEqual({ ok: true, name: 'flag' });
    expect(resolveNodeName({ configured: ' File-1 ', hostname: 'host' })).toEqual({ ok: true, name: 'file-1' });
    expect(resolveNodeName({ flag: '', hostname: 'CKA01' })).toEqual({ ok: true, name: 'cka01' });
    expect(resolveNodeName({ flag: '   ', hostname: 'cka01' })).toEqual({ ok: false, error: 'empty hostname is invalid' });
  });

  it('accepts exactly the DNS-1123 subdomains once lowercased (property)', () => {
    const label = fc.stringMatching(/^[a-z0-9]([-a-z0-9]{0,20}[a-z0-9])?$/);
    fc.assert(
      fc.property(fc.array(label, { minLength: 1, maxLength: 4 }), fc.boolean(), (labels, upper) => {
        const name = labels.join('.');
        const r = resolveNodeName({ flag: upper ? name.toUpperCase() : name, hostname: 'h' });
        expect(r).toEqual({ ok: true, name });
      }),
    );
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 30 }), (s) => {
        const name = s.trim().toLowerCase();
        const r = resolveNodeName({ flag: s, hostname: 'h' });
        if (!name) return;
        expect(r.ok).toBe(dns1123SubdomainErrors(name).length === 0);
        if (!r.ok) expect(r.error).toContain('nodeRegistration.name: Invalid value: "');
      }),
    );
  });

  it('quotes the value as Go %q does', () => {
    const r = resolveNodeName({ flag: 'a"b\\c', hostname: 'h' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.startsWith('nodeRegistration.name: Invalid value: "a\\"b\\\\c": a lowercase RFC 1123 subdomain')).toBe(true);
  });
});

describe('the Hostname preflight check', () => {
  const hosts = '127.0.0.1 localhost\n127.0.1.1 cka02\n192.168.6.171 cka01 k8s-api.cka.lab # control plane\n';
  it('resolves through /etc/hosts (any case), the running hostname and localhost', () => {
    const m = machine({ '/etc/hosts': hosts });
    for (const name of ['cka01', 'K8S-API.cka.lab', 'localhost', 'worker-x']) expect(hostnameWarnings(m.rootFs, name, 'Worker-X')).toEqual([]);
  });

  it('warns twice otherwise, naming the first nameserver of resolv.conf', () => {
    const m = machine({ '/etc/hosts': hosts, '/etc/resolv.conf': '# stub\nnameserver 10.0.0.2\nnameserver 8.8.8.8\n' });
    expect(hostnameWarnings(m.rootFs, 'edge-1', 'cka02')).toEqual([
      ['Hostname', 'hostname "edge-1" could not be reached'],
      ['Hostname', 'hostname "edge-1": lookup edge-1 on 10.0.0.2:53: server misbehaving'],
    ]);
    expect(hostnameWarnings(m.rootFs, 'node.example.org', 'cka02')[1]).toEqual(['Hostname', 'hostname "node.example.org": lookup node.example.org on 10.0.0.2:53: no such host']);
    const v6 = machine({ '/etc/resolv.conf': 'nameserver fd00::1\n' });
    expect(hostnameWarnings(v6.rootFs, 'edge-1', 'cka02')[1][1]).toBe('hostname "edge-1": lookup edge-1 on [fd00::1]:53: server misbehaving');
  });
});
