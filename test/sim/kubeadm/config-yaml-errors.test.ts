/**
 * kubeadm --config reads its file as SplitYAMLDocuments does: apimachinery's YAMLReader cuts it,
 * each piece's TypeMeta goes through sigs.k8s.io/yaml, so a syntax error is go-yaml's (the checker
 * proven against kubectl 1.33 in test/kubectl/go-yaml-golden.test.ts), lines counted from the
 * piece's start, wrapped as "error converting YAML to JSON".
 */
import { describe, expect, it } from 'vitest';
import { loadKubeadmConfig } from '../../../src/sim/kubeadm/config';
import { yamlToJsonError } from '../../../src/sim/go-yaml';

const INIT = 'apiVersion: kubeadm.k8s.io/v1beta4\nkind: InitConfiguration\n';
const CLUSTER = 'apiVersion: kubeadm.k8s.io/v1beta4\nkind: ClusterConfiguration\nnetworking:\n  podSubnet: 10.244.0.0/16\n';

describe('kubeadm config syntax errors', () => {
  it('reports the broken piece with its own line numbers', () => {
    const broken = CLUSTER.replace('podSubnet: 10.244.0.0/16', 'podSubnet: "10.244.0.0/16');
    const r = loadKubeadmConfig(`${INIT}---\n${broken}`);
    expect(r.error).toBe(`error converting YAML to JSON: ${yamlToJsonError(broken)}`);
    expect(r.error).toBe('error converting YAML to JSON: yaml: line 5: found unexpected end of stream');
  });

  it('refuses a separator followed by text', () => {
    expect(loadKubeadmConfig(`${INIT}--- x\n${CLUSTER}`).error).toBe('invalid Yaml document separator: x');
  });

  it('reads a valid file as before', () => {
    expect(loadKubeadmConfig(`${INIT}---\n${CLUSTER}`).error).toBeUndefined();
  });
});
