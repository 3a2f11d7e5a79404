/**
 * kubectl describe networkpolicy: the real kubectl 1.33's output for this policy (recorded with
 * scripts/golden/describe/check.sh, SHOW='netpol mixed'), rules, peers, ports and types.
 */
import { describe, expect, it } from 'vitest';
import { describeNetworkPolicy } from '../../src/kubectl/describe/networkpolicy';

const REAL = `Name:         mixed
Namespace:    default
Created on:   2026-01-15 08:02:30 +0000 UTC
Labels:       team=a
Annotations:  <none>
Spec:
  PodSelector:     <none> (Allowing the specific traffic to all pods in this namespace)
  Allowing ingress traffic:
    To Port: 80/TCP
    To Port: 53/UDP
    From:
      NamespaceSelector: env=prod
      PodSelector: role=fe
    From:
      IPBlock:
        CIDR: 10.0.0.0/16
        Except: 10.0.1.0/24, 10.0.2.0/24
    ----------
    To Port: <any> (traffic allowed to all ports)
    From: <any> (traffic not restricted by source)
  Allowing egress traffic:
    To Port: <any> (traffic allowed to all ports)
    To:
      NamespaceSelector: <none>
  Policy Types: Ingress, Egress
`;

describe('describeNetworkPolicy', () => {
  it("prints kubectl 1.33's text", () => {
    const policy = {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'mixed', namespace: 'default', labels: { team: 'a' }, creationTimestamp: '2026-01-15T08:02:30Z' },
      spec: {
        podSelector: {},
        policyTypes: ['Ingress', 'Egress'],
        ingress: [
          {
            from: [{ namespaceSelector: { matchLabels: { env: 'prod' } }, podSelector: { matchLabels: { role: 'fe' } } }, { ipBlock: { cidr: '10.0.0.0/16', except: ['10.0.1.0/24', '10.0.2.0/24'] } }],
            ports: [{ protocol: 'TCP', port: 80 }, { protocol: 'UDP', port: 53 }],
          },
          {},
        ],
        egress: [{ to: [{ namespaceSelector: {} }] }],
      },
    };
    expect(describeNetworkPolicy(policy)).toBe(REAL);
  });
});

describe('smartLabelFor (the generic describer)', () => {
  it("splits camelCase into words as fatih/camelcase and kubectl's acronyms do", async () => {
    const { smartLabelFor } = await import('../../src/kubectl/describe/generic');
    expect(smartLabelFor('creationTimestamp')).toBe('Creation Timestamp');
    expect(smartLabelFor('apiVersion')).toBe('API Version');
    expect(smartLabelFor('uid')).toBe('UID');
    expect(smartLabelFor('leaseDurationSeconds')).toBe('Lease Duration Seconds');
    expect(smartLabelFor('podCIDRs')).toBe('Pod CID Rs');
    expect(smartLabelFor('x509')).toBe('x509');
    expect(smartLabelFor('kubernetes.io/name')).toBe('kubernetes.io/name');
  });
});
