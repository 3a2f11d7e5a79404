/**
 * The checks the callers use: go-yaml v2's verdict on a text as yaml.Unmarshal returns it, and
 * sigs.k8s.io/yaml's (yaml.Unmarshal's error or its own, wrapped as "error converting YAML to
 * JSON: …"). Undefined when the text passes; its values are then read with the YAML library.
 */
import { parseFirstDocument } from './decode';
import { goValueToJs } from './resolve';
import { unmarshal, unmarshalError } from './unmarshal';

/**
 * go-yaml's error for the text's first document ("yaml: line 3: …"): syntax then decoding for
 * yaml.v2; for yaml.v3 (kyaml reads into nodes) only what parsing finds, unknown anchors included.
 */
export function goYamlCheck(text: string, version: 2 | 3 = 2): string | undefined {
  const r = parseFirstDocument(text, version);
  if ('error' in r) return r.error.goMessage(version);
  if (version === 3) return undefined;
  const e = unmarshalError(r.root);
  return e?.startsWith('yaml: ') ? e : undefined;
}

/**
 * sigs.k8s.io/yaml.YAMLToJSON's error for the text (v1.4: go-yaml v2, then JSON's key rules), as
 * utilyaml.ToJSON and clientcmd return it; yaml.Unmarshal (kubectl's -f) wraps it as
 * "error converting YAML to JSON: …".
 */
export function yamlToJsonError(text: string): string | undefined {
  const r = parseFirstDocument(text);
  return 'error' in r ? r.error.goMessage() : unmarshalError(r.root);
}

/**
 * The first document's value as go-yaml and sigs.k8s.io/yaml make it (YAML 1.1 scalars), for a
 * text the checks accept: what the callers use where the YAML library reads it otherwise.
 */
export function goYamlValue(text: string): unknown {
  const r = parseFirstDocument(text);
  if ('error' in r) return undefined;
  const v = unmarshal(r.root);
  return 'value' in v ? goValueToJs(v.value) : undefined;
}
