/**
 * rancher/local-path-provisioner v0.0.31 `deploy/local-path-storage.yaml`, as served at
 * https://raw.githubusercontent.com/rancher/local-path-provisioner/v0.0.31/deploy/local-path-storage.yaml:
 * the local-path-storage namespace, the provisioner's ServiceAccount, Role/ClusterRole and
 * bindings, its Deployment, the `local-path` StorageClass (rancher.io/local-path,
 * WaitForFirstConsumer, reclaim Delete) and the local-path-config ConfigMap (volumes under
 * /opt/local-path-provisioner on every node).
 */
import { parseAllDocuments } from 'yaml';
import { resourceFor, type ApiClient } from '../apiserver/client';
import type { KubeObject } from '../apiserver/types';
import { ADDON_IMAGES } from './images';

// The provisioner's image in the registry model, next to the other add-ons' images.
ADDON_IMAGES['docker.io/rancher/local-path-provisioner'] ??= { tags: ['v0.0.31', 'v0.0.30', 'v0.0.29', 'v0.0.28'], size: 19_440_331 };

export const LOCAL_PATH_VERSION = 'v0.0.31';
export const LOCAL_PATH_NAMESPACE = 'local-path-storage';
export const LOCAL_PATH_DEPLOYMENT = 'local-path-provisioner';
export const LOCAL_PATH_PROVISIONER = 'rancher.io/local-path';
export const LOCAL_PATH_IMAGE = `rancher/local-path-provisioner:${LOCAL_PATH_VERSION}`;
export const LOCAL_PATH_DEFAULT_DIR = '/opt/local-path-provisioner';

const MANIFEST = `apiVersion: v1
kind: Namespace
metadata:
  name: local-path-storage

---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: local-path-provisioner-service-account
  namespace: local-path-storage

---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: local-path-provisioner-role
  namespace: local-path-storage
rules:
  - apiGroups: [""]
    resources: ["pods"]
    verbs: ["get", "list", "watch", "create", "patch", "update", "delete"]

---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: local-path-provisioner-role
rules:
  - apiGroups: [""]
    resources: ["nodes", "persistentvolumeclaims", "configmaps", "pods", "pods/log"]
    verbs: ["get", "list", "watch"]
  - apiGroups: [""]
    resources: ["persistentvolumes"]
    verbs: ["get", "list", "watch", "create", "patch", "update", "delete"]
  - apiGroups: [""]
    resources: ["events"]
    verbs: ["create", "patch"]
  - apiGroups: ["storage.k8s.io"]
    resources: ["storageclasses"]
    verbs: ["get", "list", "watch"]

---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: local-path-provisioner-bind
  namespace: local-path-storage
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: local-path-provisioner-role
subjects:
  - kind: ServiceAccount
    name: local-path-provisioner-service-account
    namespace: local-path-storage

---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: local-path-provisioner-bind
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: local-path-provisioner-role
subjects:
  - kind: ServiceAccount
    name: local-path-provisioner-service-account
    namespace: local-path-storage

---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: local-path-provisioner
  namespace: local-path-storage
spec:
  replicas: 1
  selector:
    matchLabels:
      app: local-path-provisioner
  template:
    metadata:
      labels:
        app: local-path-provisioner
    spec:
      serviceAccountName: local-path-provisioner-service-account
      containers:
        - name: local-path-provisioner
          image: rancher/local-path-provisioner:v0.0.31
          imagePullPolicy: IfNotPresent
          command:
            - local-path-provisioner
            - --debug
            - start
            - --config
            - /etc/config/config.json
          volumeMounts:
            - name: config-volume
              mountPath: /etc/config/
          env:
            - name: POD_NAMESPACE
              valueFrom:
                fieldRef:
                  fieldPath: metadata.namespace
            - name: CONFIG_MOUNT_PATH
              value: /etc/config/
      volumes:
        - name: config-volume
          configMap:
            name: local-path-config

---
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: local-path
provisioner: rancher.io/local-path
volumeBindingMode: WaitForFirstConsumer
reclaimPolicy: Delete

---
kind: ConfigMap
apiVersion: v1
metadata:
  name: local-path-config
  namespace: local-path-storage
data:
  config.json: |-
    {
            "nodePathMap":[
            {
                    "node":"DEFAULT_PATH_FOR_NON_LISTED_NODES",
                    "paths":["/opt/local-path-provisioner"]
            }
            ]
    }
  setup: |-
    #!/bin/sh
    set -eu
    mkdir -m 0777 -p "$VOL_DIR"
  teardown: |-
    #!/bin/sh
    set -eu
    rm -rf "$VOL_DIR"
  helperPod.yaml: |-
    apiVersion: v1
    kind: Pod
    metadata:
      name: helper-pod
    spec:
      priorityClassName: system-node-critical
      tolerations:
        - key: node.kubernetes.io/disk-pressure
          operator: Exists
          effect: NoSchedule
      containers:
      - name: helper-pod
        image: busybox
        imagePullPolicy: IfNotPresent
`;

export function localPathStorageManifest(): string {
  return MANIFEST;
}

/**
 * `kubectl apply -f local-path-storage.yaml` through the API (for labs, scenarios and tests):
 * every object of the manifest, created in order. Returns how many were created.
 */
export function installLocalPathProvisioner(client: ApiClient): number {
  let created = 0;
  for (const doc of parseAllDocuments(MANIFEST)) {
    const obj = doc.toJS() as KubeObject | null;
    if (!obj?.kind) continue;
    const info = resourceFor(obj.kind);
    if (!info) continue;
    const r = client.create({ group: info.group, version: info.version, resource: info.resource }, info.namespaced ? (obj.metadata?.namespace ?? 'default') : undefined, obj, { fieldManager: 'kubectl-client-side-apply' });
    if (r.code === 201) created++;
  }
  return created;
}
