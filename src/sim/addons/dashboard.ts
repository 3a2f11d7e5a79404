/**
 * The Kubernetes Dashboard v2.7.0 `aio/deploy/recommended.yaml` (the last release installed from a
 * manifest; Dashboard 7 moved to Helm, and the project was archived in 2026).
 */
import type { KubeObject } from '../apiserver/types';
import { manifestText } from './yaml';

export function dashboardObjects(): KubeObject[] {
  const ns = 'kubernetes-dashboard';
  const labels = { 'k8s-app': 'kubernetes-dashboard' };
  const meta = (name: string) => ({ labels, name, namespace: ns });
  return [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } },
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta('kubernetes-dashboard') },
    { apiVersion: 'v1', kind: 'Service', metadata: meta('kubernetes-dashboard'), spec: { ports: [{ port: 443, targetPort: 8443 }], selector: labels } },
    { apiVersion: 'v1', kind: 'Secret', metadata: meta('kubernetes-dashboard-certs'), type: 'Opaque' },
    { apiVersion: 'v1', kind: 'Secret', metadata: meta('kubernetes-dashboard-csrf'), type: 'Opaque', data: { csrf: '' } },
    { apiVersion: 'v1', kind: 'Secret', metadata: meta('kubernetes-dashboard-key-holder'), type: 'Opaque' },
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta('kubernetes-dashboard-settings') },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: meta('kubernetes-dashboard'),
      rules: [
        { apiGroups: [''], resources: ['secrets'], resourceNames: ['kubernetes-dashboard-key-holder', 'kubernetes-dashboard-certs', 'kubernetes-dashboard-csrf'], verbs: ['get', 'update', 'delete'] },
        { apiGroups: [''], resources: ['configmaps'], resourceNames: ['kubernetes-dashboard-settings'], verbs: ['get', 'update'] },
        { apiGroups: [''], resources: ['services'], resourceNames: ['heapster', 'dashboard-metrics-scraper'], verbs: ['proxy'] },
        { apiGroups: [''], resources: ['services/proxy'], resourceNames: ['heapster', 'http:heapster:', 'https:heapster:', 'dashboard-metrics-scraper', 'http:dashboard-metrics-scraper'], verbs: ['get'] },
      ],
    },
    { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { labels, name: 'kubernetes-dashboard' }, rules: [{ apiGroups: ['metrics.k8s.io'], resources: ['pods', 'nodes'], verbs: ['get', 'list', 'watch'] }] },
    { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: meta('kubernetes-dashboard'), roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'kubernetes-dashboard' }, subjects: [{ kind: 'ServiceAccount', name: 'kubernetes-dashboard', namespace: ns }] },
    { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: 'kubernetes-dashboard' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'kubernetes-dashboard' }, subjects: [{ kind: 'ServiceAccount', name: 'kubernetes-dashboard', namespace: ns }] },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: meta('kubernetes-dashboard'),
      spec: {
        replicas: 1,
        revisionHistoryLimit: 10,
        selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec: {
            securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
            containers: [
              {
                name: 'kubernetes-dashboard',
                image: 'kubernetesui/dashboard:v2.7.0',
                imagePullPolicy: 'Always',
                ports: [{ containerPort: 8443, protocol: 'TCP' }],
                args: ['--auto-generate-certificates', `--namespace=${ns}`],
                volumeMounts: [{ name: 'kubernetes-dashboard-certs', mountPath: '/certs' }, { mountPath: '/tmp', name: 'tmp-volume' }],
                livenessProbe: { httpGet: { scheme: 'HTTPS', path: '/', port: 8443 }, initialDelaySeconds: 30, timeoutSeconds: 30 },
                securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, runAsUser: 1001, runAsGroup: 2001 },
              },
            ],
            volumes: [{ name: 'kubernetes-dashboard-certs', secret: { secretName: 'kubernetes-dashboard-certs' } }, { name: 'tmp-volume', emptyDir: {} }],
            serviceAccountName: 'kubernetes-dashboard',
            nodeSelector: { 'kubernetes.io/os': 'linux' },
            tolerations: [{ key: 'node-role.kubernetes.io/master', effect: 'NoSchedule' }],
          },
        },
      },
    },
    { apiVersion: 'v1', kind: 'Service', metadata: { labels: { 'k8s-app': 'dashboard-metrics-scraper' }, name: 'dashboard-metrics-scraper', namespace: ns }, spec: { ports: [{ port: 8000, targetPort: 8000 }], selector: { 'k8s-app': 'dashboard-metrics-scraper' } } },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { labels: { 'k8s-app': 'dashboard-metrics-scraper' }, name: 'dashboard-metrics-scraper', namespace: ns },
      spec: {
        replicas: 1,
        revisionHistoryLimit: 10,
        selector: { matchLabels: { 'k8s-app': 'dashboard-metrics-scraper' } },
        template: {
          metadata: { labels: { 'k8s-app': 'dashboard-metrics-scraper' } },
          spec: {
            securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
            containers: [
              {
                name: 'dashboard-metrics-scraper',
                image: 'kubernetesui/metrics-scraper:v1.0.8',
                ports: [{ containerPort: 8000, protocol: 'TCP' }],
                livenessProbe: { httpGet: { scheme: 'HTTP', path: '/', port: 8000 }, initialDelaySeconds: 30, timeoutSeconds: 30 },
                volumeMounts: [{ mountPath: '/tmp', name: 'tmp-volume' }],
                securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, runAsUser: 1001, runAsGroup: 2001 },
              },
            ],
            serviceAccountName: 'kubernetes-dashboard',
            nodeSelector: { 'kubernetes.io/os': 'linux' },
            tolerations: [{ key: 'node-role.kubernetes.io/master', effect: 'NoSchedule' }],
            volumes: [{ name: 'tmp-volume', emptyDir: {} }],
          },
        },
      },
    },
  ];
}

export function dashboardManifest(): string {
  const header = `# Copyright 2017 The Kubernetes Authors.
#
# Licensed under the Apache License, Version 2.0 (the "License");
# you may not use this file except in compliance with the License.
# You may obtain a copy of the License at
#
#     http://www.apache.org/licenses/LICENSE-2.0
#
# Unless required by applicable law or agreed to in writing, software
# distributed under the License is distributed on an "AS IS" BASIS,
# WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
# See the License for the specific language governing permissions and
# limitations under the License.

`;
  return manifestText(dashboardObjects(), header);
}
