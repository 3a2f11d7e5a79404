/**
 * go-yaml v2 (gopkg.in/yaml.v2 as sigs.k8s.io/yaml vendors it), the YAML reader of kubectl's -f,
 * client-go's kubeconfig loader, kustomize's kustomization and the kubelet's static pods: a
 * checker that scans and parses as it does far enough to fail exactly as it fails.
 */
export { goYamlCheck, goYamlValue, yamlToJsonError } from './check';
export { splitYamlStream, isJsonStream, type StreamPiece } from './k8s-stream';
export { GoYamlSyntaxError } from './error';
export { kustomizeMapError } from './duplicates';
export { goTimestampJson } from './timestamp';
