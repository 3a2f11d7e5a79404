/**
 * ingress-nginx: the objects of `deploy/static/provider/baremetal/deploy.yaml` (a NodePort
 * Service) and, with other values, of the Helm chart `ingress-nginx/ingress-nginx`, which renders
 * the same objects with its release name and chart labels. Image digests are left out.
 */
import type { KubeObject } from '../apiserver/types';
import { manifestText } from './yaml';

/** Controller releases whose manifests we serve, with the kube-webhook-certgen image each uses. */
const CERTGEN: Record<string, string> = {
  '1.8': 'v20230407',
  '1.9': 'v20231011-8b53cabe0',
  '1.10': 'v1.4.0',
  '1.11': 'v1.4.1',
  '1.12': 'v1.5.2',
  '1.13': 'v1.6.0',
};
const LATEST_PATCH: Record<string, number> = { '1.8': 5, '1.9': 6, '1.10': 6, '1.11': 7, '1.12': 4, '1.13': 3 };

export function isIngressNginxVersion(version: string): boolean {
  const m = /^v(1\.\d+)\.(\d+)$/.exec(version);
  return !!m && LATEST_PATCH[m[1]] !== undefined && Number(m[2]) <= LATEST_PATCH[m[1]];
}

export function certgenVersion(controller: string): string {
  return CERTGEN[/^v(1\.\d+)/.exec(controller)?.[1] ?? '1.12'] ?? 'v1.5.2';
}

export interface IngressNginxParams {
  /** Controller image tag, e.g. v1.12.1. */
  version: string;
  namespace: string;
  /** The Helm release name (the static manifest is rendered from release "ingress-nginx"). */
  release: string;
  serviceType: 'NodePort' | 'LoadBalancer' | 'ClusterIP';
  nodePorts?: { http?: number; https?: number };
  replicas: number;
  /** Extra labels of the Helm chart (helm.sh/chart, app.kubernetes.io/managed-by). */
  chartLabels?: Record<string, string>;
  ingressClass: string;
  admissionWebhooks: boolean;
}

export function ingressNginxObjects(p: IngressNginxParams): KubeObject[] {
  const name = p.release === 'ingress-nginx' || p.release.includes('ingress-nginx') ? p.release : `${p.release}-ingress-nginx`;
  const base = { 'app.kubernetes.io/instance': p.release, 'app.kubernetes.io/name': 'ingress-nginx', 'app.kubernetes.io/part-of': 'ingress-nginx', 'app.kubernetes.io/version': p.version.replace(/^v/, ''), ...(p.chartLabels ?? {}) };
  const labels = (component?: string) => ({ ...(component ? { 'app.kubernetes.io/component': component } : {}), ...base });
  const selector = { 'app.kubernetes.io/component': 'controller', 'app.kubernetes.io/instance': p.release, 'app.kubernetes.io/name': 'ingress-nginx' };
  const ns = p.namespace;
  const certgen = `registry.k8s.io/ingress-nginx/kube-webhook-certgen:${certgenVersion(p.version)}`;
  const meta = (n: string, component?: string, namespaced = true) => ({ name: n, ...(namespaced ? { namespace: ns } : {}), labels: labels(component) });
  const admission = `${name}-admission`;
  const objects: KubeObject[] = [
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta(name, 'controller'), automountServiceAccountToken: true },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: meta(name, 'controller'),
      rules: [
        { apiGroups: [''], resources: ['namespaces'], verbs: ['get'] },
        { apiGroups: [''], resources: ['configmaps', 'pods', 'secrets', 'endpoints'], verbs: ['get', 'list', 'watch'] },
        { apiGroups: [''], resources: ['services'], verbs: ['get', 'list', 'watch'] },
        { apiGroups: ['networking.k8s.io'], resources: ['ingresses'], verbs: ['get', 'list', 'watch'] },
        { apiGroups: ['networking.k8s.io'], resources: ['ingresses/status'], verbs: ['update'] },
        { apiGroups: ['networking.k8s.io'], resources: ['ingressclasses'], verbs: ['get', 'list', 'watch'] },
        { apiGroups: ['coordination.k8s.io'], resourceNames: ['ingress-nginx-leader'], resources: ['leases'], verbs: ['get', 'update'] },
        { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['create'] },
        { apiGroups: [''], resources: ['events'], verbs: ['create', 'patch'] },
        { apiGroups: ['discovery.k8s.io'], resources: ['endpointslices'], verbs: ['list', 'watch', 'get'] },
      ],
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: meta(name, undefined, false),
      rules: [
        { apiGroups: [''], resources: ['configmaps', 'endpoints', 'nodes', 'pods', 'secrets', 'namespaces'], verbs: ['list', 'watch'] },
        { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['list', 'watch'] },
        { apiGroups: [''], resources: ['nodes'], verbs: ['get'] },
        { apiGroups: [''], resources: ['services'], verbs: ['get', 'list', 'watch'] },
        { apiGroups: ['networking.k8s.io'], resources: ['ingresses'], verbs: ['get', 'list', 'watch'] },
        { apiGroups: [''], resources: ['events'], verbs: ['create', 'patch'] },
        { apiGroups: ['networking.k8s.io'], resources: ['ingresses/status'], verbs: ['update'] },
        { apiGroups: ['networking.k8s.io'], resources: ['ingressclasses'], verbs: ['get', 'list', 'watch'] },
        { apiGroups: ['discovery.k8s.io'], resources: ['endpointslices'], verbs: ['list', 'watch', 'get'] },
      ],
    },
    { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: meta(name, 'controller'), roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name }, subjects: [{ kind: 'ServiceAccount', name, namespace: ns }] },
    { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: meta(name, undefined, false), roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name }, subjects: [{ kind: 'ServiceAccount', name, namespace: ns }] },
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta(`${name}-controller`, 'controller'), data: {} },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: meta(`${name}-controller`, 'controller'),
      spec: {
        ipFamilies: ['IPv4'],
        ipFamilyPolicy: 'SingleStack',
        ports: [
          { appProtocol: 'http', name: 'http', port: 80, protocol: 'TCP', targetPort: 'http', ...(p.nodePorts?.http ? { nodePort: p.nodePorts.http } : {}) },
          { appProtocol: 'https', name: 'https', port: 443, protocol: 'TCP', targetPort: 'https', ...(p.nodePorts?.https ? { nodePort: p.nodePorts.https } : {}) },
        ],
        selector,
        type: p.serviceType,
      },
    },
  ];
  const controllerArgs = [
    '/nginx-ingress-controller',
    `--election-id=${name === 'ingress-nginx' ? 'ingress-nginx' : name}-leader`,
    '--controller-class=k8s.io/ingress-nginx',
    `--ingress-class=${p.ingressClass}`,
    `--configmap=$(POD_NAMESPACE)/${name}-controller`,
    ...(p.admissionWebhooks ? ['--validating-webhook=:8443', '--validating-webhook-certificate=/usr/local/certificates/cert', '--validating-webhook-key=/usr/local/certificates/key'] : []),
  ];
  objects.push({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: meta(`${name}-controller`, 'controller'),
    spec: {
      minReadySeconds: 0,
      replicas: p.replicas,
      revisionHistoryLimit: 10,
      selector: { matchLabels: selector },
      template: {
        metadata: { labels: labels('controller') },
        spec: {
          containers: [
            {
              name: 'controller',
              image: `registry.k8s.io/ingress-nginx/controller:${p.version}`,
              imagePullPolicy: 'IfNotPresent',
              args: controllerArgs,
              env: [
                { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
                { name: 'POD_NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
                { name: 'LD_PRELOAD', value: '/usr/local/lib/libmimalloc.so' },
              ],
              lifecycle: { preStop: { exec: { command: ['/wait-shutdown'] } } },
              livenessProbe: { failureThreshold: 5, httpGet: { path: '/healthz', port: 10254, scheme: 'HTTP' }, initialDelaySeconds: 10, periodSeconds: 10, successThreshold: 1, timeoutSeconds: 1 },
              readinessProbe: { failureThreshold: 3, httpGet: { path: '/healthz', port: 10254, scheme: 'HTTP' }, initialDelaySeconds: 10, periodSeconds: 10, successThreshold: 1, timeoutSeconds: 1 },
              ports: [
                { containerPort: 80, name: 'http', protocol: 'TCP' },
                { containerPort: 443, name: 'https', protocol: 'TCP' },
                ...(p.admissionWebhooks ? [{ containerPort: 8443, name: 'webhook', protocol: 'TCP' }] : []),
              ],
              resources: { requests: { cpu: '100m', memory: '90Mi' } },
              securityContext: { allowPrivilegeEscalation: false, capabilities: { add: ['NET_BIND_SERVICE'], drop: ['ALL'] }, readOnlyRootFilesystem: false, runAsGroup: 82, runAsNonRoot: true, runAsUser: 101, seccompProfile: { type: 'RuntimeDefault' } },
              ...(p.admissionWebhooks ? { volumeMounts: [{ mountPath: '/usr/local/certificates/', name: 'webhook-cert', readOnly: true }] } : {}),
            },
          ],
          dnsPolicy: 'ClusterFirst',
          nodeSelector: { 'kubernetes.io/os': 'linux' },
          serviceAccountName: name,
          terminationGracePeriodSeconds: 300,
          ...(p.admissionWebhooks ? { volumes: [{ name: 'webhook-cert', secret: { secretName: admission } }] } : {}),
        },
      },
    },
  });
  objects.push({ apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass', metadata: { labels: labels('controller'), name: p.ingressClass }, spec: { controller: 'k8s.io/ingress-nginx' } });
  if (!p.admissionWebhooks) return objects;
  const job = (jobName: string, container: string, args: string[]): KubeObject => ({
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: meta(`${admission}-${jobName}`, 'admission-webhook'),
    spec: {
      template: {
        metadata: { labels: labels('admission-webhook'), name: `${admission}-${jobName}` },
        spec: {
          containers: [
            {
              name: container,
              image: certgen,
              imagePullPolicy: 'IfNotPresent',
              args,
              env: [{ name: 'POD_NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } }],
              securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, readOnlyRootFilesystem: true, runAsGroup: 65532, runAsNonRoot: true, runAsUser: 65532, seccompProfile: { type: 'RuntimeDefault' } },
            },
          ],
          nodeSelector: { 'kubernetes.io/os': 'linux' },
          restartPolicy: 'OnFailure',
          serviceAccountName: admission,
        },
      },
    },
  });
  objects.push(
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta(admission, 'admission-webhook'), automountServiceAccountToken: true },
    { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: meta(admission, 'admission-webhook'), rules: [{ apiGroups: [''], resources: ['secrets'], verbs: ['get', 'create'] }] },
    { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: meta(admission, 'admission-webhook', false), rules: [{ apiGroups: ['admissionregistration.k8s.io'], resources: ['validatingwebhookconfigurations'], verbs: ['get', 'update'] }] },
    { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: meta(admission, 'admission-webhook'), roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: admission }, subjects: [{ kind: 'ServiceAccount', name: admission, namespace: ns }] },
    { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: meta(admission, 'admission-webhook', false), roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: admission }, subjects: [{ kind: 'ServiceAccount', name: admission, namespace: ns }] },
    { apiVersion: 'v1', kind: 'Service', metadata: meta(`${name}-controller-admission`, 'controller'), spec: { ports: [{ appProtocol: 'https', name: 'https-webhook', port: 443, targetPort: 'webhook' }], selector, type: 'ClusterIP' } },
    job('create', 'create', ['create', `--host=${name}-controller-admission,${name}-controller-admission.$(POD_NAMESPACE).svc`, '--namespace=$(POD_NAMESPACE)', `--secret-name=${admission}`]),
    job('patch', 'patch', ['patch', `--webhook-name=${admission}`, '--namespace=$(POD_NAMESPACE)', '--patch-mutating=false', `--secret-name=${admission}`, '--patch-failure-policy=Fail']),
    {
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'ValidatingWebhookConfiguration',
      metadata: { labels: labels('admission-webhook'), name: admission },
      webhooks: [
        {
          admissionReviewVersions: ['v1'],
          clientConfig: { service: { name: `${name}-controller-admission`, namespace: ns, path: '/networking/v1/ingresses', port: 443 } },
          failurePolicy: 'Fail',
          matchPolicy: 'Equivalent',
          name: 'validate.nginx.ingress.kubernetes.io',
          rules: [{ apiGroups: ['networking.k8s.io'], apiVersions: ['v1'], operations: ['CREATE', 'UPDATE'], resources: ['ingresses'] }],
          sideEffects: 'None',
        },
      ],
    },
  );
  return objects;
}

/** deploy/static/provider/baremetal/deploy.yaml of a controller release. */
export function ingressNginxBaremetalManifest(version: string): string {
  const ns: KubeObject = { apiVersion: 'v1', kind: 'Namespace', metadata: { labels: { 'app.kubernetes.io/instance': 'ingress-nginx', 'app.kubernetes.io/name': 'ingress-nginx' }, name: 'ingress-nginx' } };
  const objs = ingressNginxObjects({ version, namespace: 'ingress-nginx', release: 'ingress-nginx', serviceType: 'NodePort', replicas: 1, ingressClass: 'nginx', admissionWebhooks: true });
  return manifestText([ns, ...objs]);
}
