/**
 * Finding and reading a kustomization file: the three names kustomize accepts, YAML errors in
 * go-yaml's words, and strict decoding (an unknown field fails as Go's json decoder reports it).
 */
import { parseDocument } from 'yaml';
import type { FileAccess } from '../../shell/command';
import { goYamlCheck } from '../../sim/go-yaml';
import { KustomizeError, isObj, type Obj } from './types';
import { checkFields } from './schema';

export const KUSTOMIZATION_FILE_NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

export function missingKustomization(absDir: string): string {
  return `unable to find one of 'kustomization.yaml', 'kustomization.yml' or 'Kustomization' in directory '${absDir}'`;
}

/** The kustomization file in a directory, or null when it has none. */
export function findKustomizationFile(fs: FileAccess, absDir: string): string | null {
  for (const name of KUSTOMIZATION_FILE_NAMES) {
    const path = `${absDir.replace(/\/$/, '')}/${name}`;
    if (fs.stat(path)?.type === 'file') return path;
  }
  return null;
}

/** Parse the text of a kustomization file into its (validated) fields. */
export function parseKustomization(text: string, fileName = 'kustomization.yaml'): Obj {
  if (text.trim() === '') throw new KustomizeError(`${fileName} is empty`);
  // The kustomization is decoded as YAML 1.1 (yes/no/on/off are booleans), as sigs.k8s.io/yaml does.
  const error = goYamlCheck(text);
  if (error) throw new KustomizeError(`invalid Kustomization: ${error}`);
  const doc = parseDocument(text, { uniqueKeys: false, version: '1.1' });
  const value = doc.toJS() as unknown;
  if (value === null || value === undefined) throw new KustomizeError(`${fileName} is empty`);
  if (!isObj(value)) throw new KustomizeError(`invalid Kustomization: json: cannot unmarshal ${Array.isArray(value) ? 'array' : typeof value === 'string' ? 'string' : 'number'} into Go value of type types.Kustomization`);
  const problem = checkFields(value);
  if (problem) throw new KustomizeError(`invalid Kustomization: ${problem}`);
  // Only apiVersion and kind: kustomize calls it empty.
  if (Object.keys(value).every((k) => k === 'apiVersion' || k === 'kind')) throw new KustomizeError(`${fileName} is empty`);
  return value;
}

/** Load the kustomization of a directory (absolute path), failing as kustomize does when absent. */
export function loadKustomization(fs: FileAccess, absDir: string): Obj {
  const path = findKustomizationFile(fs, absDir);
  if (!path) throw new KustomizeError(missingKustomization(absDir));
  return parseKustomization(fs.readFile(path), path.slice(path.lastIndexOf('/') + 1));
}
