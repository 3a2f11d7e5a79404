/**
 * kube-proxy's restore input for the Services of its own unit test (pkg/proxy/iptables/
 * proxier_test.go, TestOverallIPTablesRules): the chain names (sha256/base32 hashes) and the rule
 * texts below are the ones that test expects of kube-proxy.
 */
import { describe, expect, it } from 'vitest';
import { chainHash, kubeProxyRestore } from '../../../src/sim/network/kube-proxy-rules';
import type { KubeObject } from '../../../src/sim/apiserver/types';

const svc = (ns: string, name: string, spec: Record<string, unknown>): KubeObject => ({ apiVersion: 'v1', kind: 'Service', metadata: { namespace: ns, name }, spec });
const slice = (ns: string, name: string, ips: string[], port = 80): KubeObject =>
  ({ apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: { namespace: ns, name: `${name}-x`, labels: { 'kubernetes.io/service-name': name } }, addressType: 'IPv4', endpoints: ips.map((ip) => ({ addresses: [ip], conditions: { ready: true } })), ports: [{ name: 'p80', port, protocol: 'TCP' }] }) as KubeObject;
const p80 = { name: 'p80', port: 80, protocol: 'TCP' };

describe("kube-proxy's rules", () => {
  it('name chains as kube-proxy does', () => {
    expect(chainHash('default/kubernetes:httpstcp')).toBe('NPX46M4PTMTKRN6Y');
    expect(chainHash('kube-system/kube-dns:dnsudp')).toBe('TCOU7JCQXEZGVUNU');
    expect(chainHash('ns1/svc1:p80tcp10.180.0.1:80')).toBe('SXIVWICOYRO3J4NJ');
  });

  it('write the rules of TestOverallIPTablesRules for ClusterIP, NodePort, two endpoints and none', () => {
    const text = kubeProxyRestore({
      services: [
        svc('ns1', 'svc1', { clusterIP: '172.30.0.41', ports: [p80] }),
        svc('ns3', 'svc3', { type: 'NodePort', clusterIP: '172.30.0.43', ports: [{ ...p80, nodePort: 3003 }] }),
        svc('ns4', 'svc4', { clusterIP: '172.30.0.44', ports: [p80] }),
        svc('ns6', 'svc6', { clusterIP: '172.30.0.46', ports: [p80] }),
        svc('ns7', 'headless', { clusterIP: 'None', ports: [p80] }),
      ],
      endpointSlices: [slice('ns1', 'svc1', ['10.180.0.1']), slice('ns3', 'svc3', ['10.180.0.3']), slice('ns4', 'svc4', ['10.180.0.4', '10.180.0.5'])],
      clusterCIDR: '10.0.0.0/8',
      existingNatChains: ['KUBE-SVC-GONEGONEGONEGONE', 'KUBE-SERVICES'],
    });
    const lines = text.split('\n');
    for (const expected of [
      '-A KUBE-SERVICES -m comment --comment "ns1/svc1:p80 cluster IP" -m tcp -p tcp -d 172.30.0.41 --dport 80 -j KUBE-SVC-XPGD46QRK7WJZT7O',
      '-A KUBE-SVC-XPGD46QRK7WJZT7O -m comment --comment "ns1/svc1:p80 cluster IP" -m tcp -p tcp -d 172.30.0.41 --dport 80 ! -s 10.0.0.0/8 -j KUBE-MARK-MASQ',
      '-A KUBE-SVC-XPGD46QRK7WJZT7O -m comment --comment "ns1/svc1:p80 -> 10.180.0.1:80" -j KUBE-SEP-SXIVWICOYRO3J4NJ',
      '-A KUBE-SEP-SXIVWICOYRO3J4NJ -m comment --comment ns1/svc1:p80 -s 10.180.0.1 -j KUBE-MARK-MASQ',
      '-A KUBE-SEP-SXIVWICOYRO3J4NJ -m comment --comment ns1/svc1:p80 -m tcp -p tcp -j DNAT --to-destination 10.180.0.1:80',
      '-A KUBE-NODEPORTS -m comment --comment ns3/svc3:p80 -m tcp -p tcp --dport 3003 -j KUBE-EXT-X27LE4BHSL4DOUIK',
      '-A KUBE-EXT-X27LE4BHSL4DOUIK -m comment --comment "masquerade traffic for ns3/svc3:p80 external destinations" -j KUBE-MARK-MASQ',
      '-A KUBE-EXT-X27LE4BHSL4DOUIK -j KUBE-SVC-X27LE4BHSL4DOUIK',
      '-A KUBE-SVC-X27LE4BHSL4DOUIK -m comment --comment "ns3/svc3:p80 -> 10.180.0.3:80" -j KUBE-SEP-OYPFS5VJICHGATKP',
      '-A KUBE-SVC-4SW47YFZTEDKD3PK -m comment --comment "ns4/svc4:p80 -> 10.180.0.4:80" -m statistic --mode random --probability 0.5000000000 -j KUBE-SEP-UKSFD7AGPMPPLUHC',
      '-A KUBE-SVC-4SW47YFZTEDKD3PK -m comment --comment "ns4/svc4:p80 -> 10.180.0.5:80" -j KUBE-SEP-C6EBXVWJJZMIWKLZ',
      '-A KUBE-SERVICES -m comment --comment "ns6/svc6:p80 has no endpoints" -m tcp -p tcp -d 172.30.0.46 --dport 80 -j REJECT',
      '-A KUBE-MARK-MASQ -j MARK --or-mark 0x4000',
      '-A KUBE-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN',
      '-A KUBE-FORWARD -m comment --comment "kubernetes forwarding rules" -m mark --mark 0x4000/0x4000 -j ACCEPT',
    ]) expect(lines).toContain(expected);
    // the nodeports jump stays the last rule of KUBE-SERVICES; a headless Service has none; a gone Service's chain is deleted
    expect(lines.filter((l) => l.startsWith('-A KUBE-SERVICES ')).pop()).toBe('-A KUBE-SERVICES -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS');
    expect(text).not.toContain('ns7/headless');
    expect(lines).toContain(':KUBE-SVC-GONEGONEGONEGONE - [0:0]');
    expect(lines[lines.length - 3]).toBe('-X KUBE-SVC-GONEGONEGONEGONE');
  });
});
