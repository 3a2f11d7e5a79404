/**
 * Names and namespaces: the namespace transformer, namePrefix/nameSuffix, the hash suffix, and
 * the references that must follow a renamed resource (kustomize's nameReference field specs:
 * ConfigMaps and Secrets in pod specs, Services in Ingresses, ServiceAccounts in pods and
 * bindings, Roles in bindings, claims in volumes, scale targets in HPAs).
 */
import type { KubeObject } from '../../sim/apiserver/types';
import { contentHash } from './hash';
import { isObj, kindOf, knownAs, metaOf, nameOf, namespaceOf, renameResource, type Obj, type Resource } from './types';
import { containersOf, podSpecs } from './workloads';

export const CLUSTER_SCOPED_KINDS = new Set([
  'APIService', 'CSIDriver', 'CSINode', 'CertificateSigningRequest', 'ClusterRole', 'ClusterRoleBinding',
  'ComponentStatus', 'CustomResourceDefinition', 'MutatingWebhookConfiguration', 'Namespace', 'Node',
  'PersistentVolume', 'PodSecurityPolicy', 'PriorityClass', 'RuntimeClass', 'SelfSubjectAccessReview',
  'SelfSubjectRulesReview', 'StorageClass', 'SubjectAccessReview', 'TokenReview', 'ValidatingWebhookConfiguration',
  'VolumeAttachment', 'IngressClass',
]);

export function setNamespace(resources: Resource[], namespace: string): void {
  for (const r of resources) {
    if (kindOf(r.obj) === 'Namespace') metaOf(r.obj).name = namespace;
    if (CLUSTER_SCOPED_KINDS.has(kindOf(r.obj))) {
      if ((r.obj.kind === 'ClusterRoleBinding' || r.obj.kind === 'RoleBinding')) fixSubjectNamespaces(r.obj, resources, namespace);
      continue;
    }
    metaOf(r.obj).namespace = namespace;
    if (r.obj.kind === 'RoleBinding') fixSubjectNamespaces(r.obj, resources, namespace);
  }
}

/** ServiceAccount subjects that name an account of this kustomization move with it. */
function fixSubjectNamespaces(obj: KubeObject, resources: Resource[], namespace: string): void {
  const subjects = Array.isArray(obj.subjects) ? (obj.subjects as unknown[]) : [];
  for (const s of subjects) {
    if (!isObj(s) || s.kind !== 'ServiceAccount') continue;
    if (s.name === 'default' || resources.some((r) => r.obj.kind === 'ServiceAccount' && nameOf(r.obj) === s.name)) s.namespace = namespace;
  }
}

const NO_RENAME_KINDS = new Set(['CustomResourceDefinition', 'Namespace']);

export function addPrefixSuffix(resources: Resource[], prefix: string, suffix: string): void {
  if (!prefix && !suffix) return;
  for (const r of resources) {
    if (NO_RENAME_KINDS.has(kindOf(r.obj))) continue;
    renameResource(r, `${prefix}${nameOf(r.obj)}${suffix}`);
  }
}

export function addHashSuffixes(resources: Resource[]): void {
  for (const r of resources) {
    if (!r.needsHash) continue;
    renameResource(r, `${nameOf(r.obj)}-${contentHash(r.obj)}`);
    r.needsHash = false;
  }
}

type Rename = (kind: string, name: unknown, namespace: string) => unknown;

/** Rewrite references to renamed resources in every resource. */
export function fixNameReferences(resources: Resource[]): void {
  const rename: Rename = (kind, name, namespace) => {
    if (typeof name !== 'string') return name;
    const candidates = resources.filter((r) => r.obj.kind === kind && knownAs(r, name));
    if (!candidates.length) return name;
    const sameNs = candidates.find((r) => namespaceOf(r.obj) === namespace) ?? candidates[0];
    return nameOf(sameNs.obj);
  };
  for (const r of resources) fixReferencesIn(r.obj, rename);
}

function setIf(o: unknown, key: string, kind: string, ns: string, rename: Rename): void {
  if (isObj(o) && key in o) o[key] = rename(kind, o[key], ns);
}

function fixPodSpec(spec: Obj, ns: string, rename: Rename): void {
  setIf(spec, 'serviceAccountName', 'ServiceAccount', ns, rename);
  setIf(spec, 'serviceAccount', 'ServiceAccount', ns, rename);
  for (const s of (Array.isArray(spec.imagePullSecrets) ? spec.imagePullSecrets : []) as unknown[]) setIf(s, 'name', 'Secret', ns, rename);
  for (const v of (Array.isArray(spec.volumes) ? spec.volumes : []) as unknown[]) {
    if (!isObj(v)) continue;
    setIf(v.configMap, 'name', 'ConfigMap', ns, rename);
    setIf(v.secret, 'secretName', 'Secret', ns, rename);
    setIf(v.persistentVolumeClaim, 'claimName', 'PersistentVolumeClaim', ns, rename);
    const sources = isObj(v.projected) && Array.isArray(v.projected.sources) ? (v.projected.sources as unknown[]) : [];
    for (const s of sources) {
      if (!isObj(s)) continue;
      setIf(s.configMap, 'name', 'ConfigMap', ns, rename);
      setIf(s.secret, 'name', 'Secret', ns, rename);
    }
  }
  for (const c of containersOf(spec)) {
    for (const e of (Array.isArray(c.env) ? c.env : []) as unknown[]) {
      if (!isObj(e) || !isObj(e.valueFrom)) continue;
      setIf(e.valueFrom.configMapKeyRef, 'name', 'ConfigMap', ns, rename);
      setIf(e.valueFrom.secretKeyRef, 'name', 'Secret', ns, rename);
    }
    for (const e of (Array.isArray(c.envFrom) ? c.envFrom : []) as unknown[]) {
      if (!isObj(e)) continue;
      setIf(e.configMapRef, 'name', 'ConfigMap', ns, rename);
      setIf(e.secretRef, 'name', 'Secret', ns, rename);
    }
  }
}

function fixReferencesIn(obj: KubeObject, rename: Rename): void {
  const ns = namespaceOf(obj);
  for (const spec of podSpecs(obj)) fixPodSpec(spec, ns, rename);
  const spec = isObj(obj.spec) ? (obj.spec as Obj) : undefined;
  if (obj.kind === 'StatefulSet') setIf(spec, 'serviceName', 'Service', ns, rename);
  if (obj.kind === 'Ingress' && spec) {
    const backends: unknown[] = [spec.defaultBackend];
    for (const rule of (Array.isArray(spec.rules) ? spec.rules : []) as Obj[]) {
      const paths = isObj(rule) && isObj(rule.http) && Array.isArray(rule.http.paths) ? (rule.http.paths as Obj[]) : [];
      for (const p of paths) if (isObj(p)) backends.push(p.backend);
    }
    for (const b of backends) if (isObj(b)) setIf(b.service, 'name', 'Service', ns, rename);
    for (const t of (Array.isArray(spec.tls) ? spec.tls : []) as unknown[]) setIf(t, 'secretName', 'Secret', ns, rename);
  }
  if (obj.kind === 'RoleBinding' || obj.kind === 'ClusterRoleBinding') {
    const ref = obj.roleRef;
    if (isObj(ref) && typeof ref.kind === 'string') setIf(ref, 'name', ref.kind, ns, rename);
    for (const s of (Array.isArray(obj.subjects) ? obj.subjects : []) as unknown[]) {
      if (isObj(s) && s.kind === 'ServiceAccount') setIf(s, 'name', 'ServiceAccount', String(s.namespace ?? ns), rename);
    }
  }
  if (obj.kind === 'HorizontalPodAutoscaler' && spec && isObj(spec.scaleTargetRef)) {
    const ref = spec.scaleTargetRef;
    if (typeof ref.kind === 'string') setIf(ref, 'name', ref.kind, ns, rename);
  }
  if (obj.kind === 'ServiceAccount') {
    for (const s of (Array.isArray(obj.secrets) ? obj.secrets : []) as unknown[]) setIf(s, 'name', 'Secret', ns, rename);
    for (const s of (Array.isArray(obj.imagePullSecrets) ? obj.imagePullSecrets : []) as unknown[]) setIf(s, 'name', 'Secret', ns, rename);
  }
}
