/**
 * The offline chart repositories Helm reaches: each repository's index (chart versions, app
 * versions, descriptions) and each chart's default values, Chart.yaml and renderer.
 *
 * Charts are not Go templates here: each chart is a function from (release, values) to the
 * objects its templates would render, with the template file each comes from and the Helm hook it
 * is. Only the values that matter for a lab are honoured (listed in each chart's values.yaml).
 */
import type { KubeObject } from '../apiserver/types';
import { ingressNginxObjects } from './ingress-nginx';

export interface ReleaseInfo {
  name: string;
  namespace: string;
  revision: number;
  isInstall: boolean;
}

export interface RenderedObject {
  /** Template path, e.g. ingress-nginx/templates/controller-deployment.yaml. */
  source: string;
  object: KubeObject;
  /** Helm hook annotation value (pre-install,pre-upgrade…) when the object is a hook. */
  hook?: string;
}

export interface Chart {
  name: string;
  version: string;
  appVersion: string;
  description: string;
  home?: string;
  icon?: string;
  keywords?: string[];
  /** values.yaml as published (trimmed to the values the renderer honours). */
  valuesYaml: string;
  render(release: ReleaseInfo, values: Values): RenderedObject[];
  notes(release: ReleaseInfo, values: Values): string;
}

export type Values = Record<string, unknown>;

const get = (v: Values, path: string): unknown => path.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Values)[k] : undefined), v);

/** The chart's fullname helper: the release name when it contains the chart name, else release-chart. */
function fullname(release: string, chart: string, values: Values): string {
  const override = get(values, 'fullnameOverride');
  if (typeof override === 'string' && override) return override;
  return release.includes(chart) ? release : `${release}-${chart}`.slice(0, 63);
}

// ------------------------------------------------------------------ ingress-nginx/ingress-nginx

const INGRESS_NGINX_VALUES = `## nginx configuration
## Ref: https://github.com/kubernetes/ingress-nginx/blob/main/docs/user-guide/nginx-configuration/index.md
##

## Overrides for generated resource names
# See templates/_helpers.tpl
# nameOverride:
# fullnameOverride:

# -- Override the deployment namespace; defaults to .Release.Namespace
namespaceOverride: ""
## Labels to apply to all resources
##
commonLabels: {}
# scope: test

controller:
  name: controller
  enableAnnotationValidations: true
  image:
    ## Keep false as default for now!
    chroot: false
    registry: registry.k8s.io
    image: ingress-nginx/controller
    ## for backwards compatibility consider setting the full image url via the repository value below
    ## use *either* current default registry/image or repository format or installing chart by providing the values.yaml will fail
    ## repository:
    tag: "__APP__"
    pullPolicy: IfNotPresent
    runAsNonRoot: true
    # www-data -> uid 101
    runAsUser: 101
    runAsGroup: 82
    allowPrivilegeEscalation: false
    seccompProfile:
      type: RuntimeDefault
    readOnlyRootFilesystem: false
  # -- Use an existing PSP instead of creating one
  existingPsp: ""
  # -- Configures the controller container name
  containerName: controller
  # -- Configures the ports that the nginx-controller listens on
  containerPort:
    http: 80
    https: 443
  # -- Will add custom configuration options to Nginx https://kubernetes.github.io/ingress-nginx/user-guide/nginx-configuration/configmap/
  config: {}
  # -- This section refers to the creation of the IngressClass resource.
  # IngressClasses are immutable and cannot be changed after creation.
  # We do not support namespaced IngressClasses, yet, so a ClusterRole and a ClusterRoleBinding is required.
  ingressClassResource:
    # -- Name of the IngressClass
    name: nginx
    # -- Create the IngressClass or not
    enabled: true
    # -- If true, Ingresses without \`ingressClassName\` get assigned to this IngressClass on creation.
    # Ingress creation gets rejected if there are multiple default IngressClasses.
    # Ref: https://kubernetes.io/docs/concepts/services-networking/ingress/#default-ingress-class
    default: false
    # -- Controller of the IngressClass. An Ingress Controller looks for IngressClasses it should reconcile by this value.
    # This value is also being set as the \`--controller-class\` argument of this Ingress Controller.
    # Ref: https://kubernetes.io/docs/concepts/services-networking/ingress/#ingress-class
    controllerValue: k8s.io/ingress-nginx
  # -- For backwards compatibility with ingress.class annotation, use ingressClass.
  # Algorithm is as follows, first ingressClassName is considered, if not present, controller looks for ingress.class annotation
  ingressClass: nginx
  # -- Use a \`DaemonSet\` or \`Deployment\`
  kind: Deployment
  replicaCount: 1
  service:
    # -- Enable controller services or not. This does not influence the creation of either the admission webhook or the metrics service.
    enabled: true
    # -- Type of the external controller service.
    # Ref: https://kubernetes.io/docs/concepts/services-networking/service/#publishing-services-service-types
    type: LoadBalancer
    # -- Node ports of the external controller service (only used when type is NodePort).
    nodePorts:
      # -- Node port allocated for the external HTTP listener. If left empty, the service controller allocates one from the configured node port range.
      http: ""
      # -- Node port allocated for the external HTTPS listener. If left empty, the service controller allocates one from the configured node port range.
      https: ""
  admissionWebhooks:
    name: admission
    annotations: {}
    enabled: true
    failurePolicy: Fail
    port: 8443
    patch:
      enabled: true
      image:
        registry: registry.k8s.io
        image: ingress-nginx/kube-webhook-certgen
        tag: __CERTGEN__
        pullPolicy: IfNotPresent
`;

function ingressNginxChart(version: string, appVersion: string, certgen: string): Chart {
  return {
    name: 'ingress-nginx',
    version,
    appVersion,
    description: 'Ingress controller for Kubernetes using NGINX as a reverse proxy and load balancer',
    home: 'https://github.com/kubernetes/ingress-nginx',
    icon: 'https://upload.wikimedia.org/wikipedia/commons/thumb/c/c5/Nginx_logo.svg/500px-Nginx_logo.svg.png',
    keywords: ['ingress', 'nginx'],
    valuesYaml: INGRESS_NGINX_VALUES.replace('__APP__', `v${appVersion}`).replace('__CERTGEN__', certgen),
    render(release, values) {
      const name = fullname(release.name, 'ingress-nginx', values);
      const num = (p: string) => (get(values, p) === '' || get(values, p) === undefined ? undefined : Number(get(values, p)));
      const webhooks = get(values, 'controller.admissionWebhooks.enabled') !== false;
      const objs = ingressNginxObjects({
        version: String(get(values, 'controller.image.tag') || `v${appVersion}`),
        namespace: release.namespace,
        release: release.name,
        serviceType: String(get(values, 'controller.service.type') ?? 'LoadBalancer') as 'NodePort',
        nodePorts: { http: num('controller.service.nodePorts.http'), https: num('controller.service.nodePorts.https') },
        replicas: Number(get(values, 'controller.replicaCount') ?? 1),
        ingressClass: String(get(values, 'controller.ingressClassResource.name') ?? 'nginx'),
        admissionWebhooks: webhooks,
        chartLabels: { 'helm.sh/chart': `ingress-nginx-${version}`, 'app.kubernetes.io/managed-by': 'Helm' },
      });
      if (name !== release.name) for (const o of objs) o.metadata!.name = o.metadata!.name!.replace(release.name, name);
      const t = (f: string) => `ingress-nginx/templates/${f}`;
      const HOOK_ALL = 'pre-install,pre-upgrade,post-install,post-upgrade';
      return objs.map((object) => {
        const n = object.metadata!.name!;
        const kind = String(object.kind);
        const admission = n.endsWith('-admission') || n.includes('-admission-');
        if (object.kind === 'Job') {
          const create = n.endsWith('-create');
          return { source: t(`admission-webhooks/job-patch/job-${create ? 'createSecret' : 'patchWebhook'}.yaml`), object, hook: create ? 'pre-install,pre-upgrade' : 'post-install,post-upgrade' };
        }
        if (admission && object.kind !== 'ValidatingWebhookConfiguration' && object.kind !== 'Service') return { source: t(`admission-webhooks/job-patch/${kind.toLowerCase()}.yaml`), object, hook: HOOK_ALL };
        const file: Record<string, string> = {
          ServiceAccount: 'controller-serviceaccount.yaml',
          ConfigMap: 'controller-configmap.yaml',
          ClusterRole: 'clusterrole.yaml',
          ClusterRoleBinding: 'clusterrolebinding.yaml',
          Role: 'controller-role.yaml',
          RoleBinding: 'controller-rolebinding.yaml',
          Service: n.endsWith('-admission') ? 'controller-service-webhook.yaml' : 'controller-service.yaml',
          Deployment: 'controller-deployment.yaml',
          IngressClass: 'controller-ingressclass.yaml',
          ValidatingWebhookConfiguration: 'admission-webhooks/validating-webhook.yaml',
        };
        return { source: t(file[kind] ?? `${kind.toLowerCase()}.yaml`), object };
      });
    },
    notes(release, values) {
      const type = String(get(values, 'controller.service.type') ?? 'LoadBalancer');
      const name = fullname(release.name, 'ingress-nginx', values);
      const access =
        type === 'NodePort'
          ? `Get the application URL by running these commands:
  export HTTP_NODE_PORT=${get(values, 'controller.service.nodePorts.http') || `$(kubectl get service --namespace ${release.namespace} ${name}-controller --output jsonpath="{.spec.ports[0].nodePort}")`}
  export HTTPS_NODE_PORT=${get(values, 'controller.service.nodePorts.https') || `$(kubectl get service --namespace ${release.namespace} ${name}-controller --output jsonpath="{.spec.ports[1].nodePort}")`}
  export NODE_IP="$(kubectl get nodes --output jsonpath="{.items[0].status.addresses[1].address}")"

  echo "Visit http://\${NODE_IP}:\${HTTP_NODE_PORT} to access your application via HTTP."
  echo "Visit https://\${NODE_IP}:\${HTTPS_NODE_PORT} to access your application via HTTPS."`
          : `It may take a few minutes for the load balancer IP to be available.
You can watch the status by running 'kubectl get service --namespace ${release.namespace} ${name}-controller --output wide --watch'`;
      return `The ingress-nginx controller has been installed.
${access}

An example Ingress that makes use of the controller:
  apiVersion: networking.k8s.io/v1
  kind: Ingress
  metadata:
    name: example
    namespace: foo
  spec:
    ingressClassName: ${get(values, 'controller.ingressClassResource.name') ?? 'nginx'}
    rules:
      - host: www.example.com
        http:
          paths:
            - pathType: Prefix
              backend:
                service:
                  name: exampleService
                  port:
                    number: 80
              path: /
    # This section is only required if TLS is to be enabled for the Ingress
    tls:
      - hosts:
        - www.example.com
        secretName: example-tls

If TLS is enabled for the Ingress, a Secret containing the certificate and key must also be provided:

  apiVersion: v1
  kind: Secret
  metadata:
    name: example-tls
    namespace: foo
  data:
    tls.crt: <base64 encoded cert>
    tls.key: <base64 encoded key>
  type: kubernetes.io/tls
`;
    },
  };
}

// ------------------------------------------------------------------ metrics-server/metrics-server

const METRICS_SERVER_VALUES = `# Default values for metrics-server.
# This is a YAML-formatted file.
# Declare variables to be passed into your templates.

image:
  repository: registry.k8s.io/metrics-server/metrics-server
  # Overrides the image tag whose default is v{{ .Chart.AppVersion }}
  tag: ""
  pullPolicy: IfNotPresent

imagePullSecrets: []
nameOverride: ""
fullnameOverride: ""

serviceAccount:
  # Specifies whether a service account should be created
  create: true

rbac:
  # Specifies whether RBAC resources should be created
  create: true

apiService:
  # Specifies if the v1beta1.metrics.k8s.io API service should be created.
  create: true
  insecureSkipTLSVerify: true

containerPort: 10250

replicas: 1

defaultArgs:
  - --cert-dir=/tmp
  - --kubelet-preferred-address-types=InternalIP,ExternalIP,Hostname
  - --kubelet-use-node-status-port
  - --metric-resolution=15s

args: []

service:
  type: ClusterIP
  port: 443
`;

function metricsServerChart(version: string, appVersion: string): Chart {
  return {
    name: 'metrics-server',
    version,
    appVersion,
    description: 'Metrics Server is a scalable, efficient source of container resource metrics for Kubernetes built-in autoscaling pipelines.',
    home: 'https://github.com/kubernetes-sigs/metrics-server',
    icon: 'https://avatars.githubusercontent.com/u/36015203?s=400&v=4',
    keywords: ['kubernetes', 'metrics-server', 'metrics'],
    valuesYaml: METRICS_SERVER_VALUES,
    render(release, values) {
      const name = fullname(release.name, 'metrics-server', values);
      const ns = release.namespace;
      const labels = { 'app.kubernetes.io/instance': release.name, 'app.kubernetes.io/managed-by': 'Helm', 'app.kubernetes.io/name': 'metrics-server', 'app.kubernetes.io/version': appVersion, 'helm.sh/chart': `metrics-server-${version}` };
      const selector = { 'app.kubernetes.io/name': 'metrics-server', 'app.kubernetes.io/instance': release.name };
      const port = Number(get(values, 'containerPort') ?? 10250);
      const args = [...((get(values, 'defaultArgs') as string[]) ?? []), `--secure-port=${port}`, ...((get(values, 'args') as string[]) ?? [])];
      const t = (f: string) => `metrics-server/templates/${f}`;
      const rbac = (kind: string, n: string, body: Values, namespace?: string): KubeObject => ({ apiVersion: 'rbac.authorization.k8s.io/v1', kind, metadata: { name: n, ...(namespace ? { namespace } : {}), labels }, ...body });
      return [
        { source: t('serviceaccount.yaml'), object: { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace: ns, labels } } },
        { source: t('clusterrole-aggregated-reader.yaml'), object: rbac('ClusterRole', `system:${name}-aggregated-reader`, { rules: [{ apiGroups: ['metrics.k8s.io'], resources: ['pods', 'nodes'], verbs: ['get', 'list', 'watch'] }] }) },
        { source: t('clusterrole.yaml'), object: rbac('ClusterRole', `system:${name}`, { rules: [{ apiGroups: [''], resources: ['nodes/metrics'], verbs: ['get'] }, { apiGroups: [''], resources: ['pods', 'nodes', 'namespaces', 'configmaps'], verbs: ['get', 'list', 'watch'] }] }) },
        { source: t('clusterrolebinding-auth-delegator.yaml'), object: rbac('ClusterRoleBinding', `${name}:system:auth-delegator`, { roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'system:auth-delegator' }, subjects: [{ kind: 'ServiceAccount', name, namespace: ns }] }) },
        { source: t('clusterrolebinding.yaml'), object: rbac('ClusterRoleBinding', `system:${name}`, { roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: `system:${name}` }, subjects: [{ kind: 'ServiceAccount', name, namespace: ns }] }) },
        { source: t('rolebinding.yaml'), object: rbac('RoleBinding', `${name}-auth-reader`, { roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'extension-apiserver-authentication-reader' }, subjects: [{ kind: 'ServiceAccount', name, namespace: ns }] }, 'kube-system') },
        { source: t('service.yaml'), object: { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: ns, labels }, spec: { type: String(get(values, 'service.type') ?? 'ClusterIP'), ports: [{ name: 'https', port: Number(get(values, 'service.port') ?? 443), protocol: 'TCP', targetPort: 'https' }], selector } } },
        {
          source: t('deployment.yaml'),
          object: {
            apiVersion: 'apps/v1',
            kind: 'Deployment',
            metadata: { name, namespace: ns, labels },
            spec: {
              replicas: Number(get(values, 'replicas') ?? 1),
              revisionHistoryLimit: 10,
              selector: { matchLabels: selector },
              template: {
                metadata: { labels: selector },
                spec: {
                  serviceAccountName: name,
                  priorityClassName: 'system-cluster-critical',
                  containers: [
                    {
                      name: 'metrics-server',
                      securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, readOnlyRootFilesystem: true, runAsNonRoot: true, runAsUser: 1000, seccompProfile: { type: 'RuntimeDefault' } },
                      image: `registry.k8s.io/metrics-server/metrics-server:${get(values, 'image.tag') || `v${appVersion}`}`,
                      imagePullPolicy: 'IfNotPresent',
                      args,
                      ports: [{ name: 'https', protocol: 'TCP', containerPort: port }],
                      livenessProbe: { failureThreshold: 3, httpGet: { path: '/livez', port: 'https', scheme: 'HTTPS' }, initialDelaySeconds: 0, periodSeconds: 10 },
                      readinessProbe: { failureThreshold: 3, httpGet: { path: '/readyz', port: 'https', scheme: 'HTTPS' }, initialDelaySeconds: 20, periodSeconds: 10 },
                      volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
                      resources: { requests: { cpu: '100m', memory: '200Mi' } },
                    },
                  ],
                  volumes: [{ name: 'tmp', emptyDir: {} }],
                },
              },
            },
          },
        },
        {
          source: t('apiservice.yaml'),
          object: {
            apiVersion: 'apiregistration.k8s.io/v1',
            kind: 'APIService',
            metadata: { name: 'v1beta1.metrics.k8s.io', labels },
            spec: { group: 'metrics.k8s.io', groupPriorityMinimum: 100, insecureSkipTLSVerify: true, service: { name, namespace: ns, port: Number(get(values, 'service.port') ?? 443) }, version: 'v1beta1', versionPriority: 100 },
          },
        },
      ];
    },
    notes(release) {
      return `***********************************************************************
* Metrics Server                                                      *
***********************************************************************
  Chart version: ${version}
  App version:   ${appVersion}
  Image tag:     registry.k8s.io/metrics-server/metrics-server:v${appVersion}
***********************************************************************
`.replace(/\$\{release\}/g, release.name);
    },
  };
}

// ------------------------------------------------------------------ bitnami/nginx and headlamp/headlamp

const BITNAMI_NGINX_VALUES = `## @section Global parameters
## Global Docker image parameters
## Please, note that this will override the image parameters, including dependencies, configured to use the global value
## Current available global Docker image parameters: imageRegistry, imagePullSecrets and storageClass

## @param global.imageRegistry Global Docker image registry
## @param global.imagePullSecrets Global Docker registry secret names as an array
##
global:
  imageRegistry: ""
## @section NGINX parameters

## Bitnami NGINX image version
## ref: https://hub.docker.com/r/bitnami/nginx/tags/
## @param image.registry [default: REGISTRY_NAME] NGINX image registry
## @param image.repository [default: REPOSITORY_NAME/nginx] NGINX image repository
## @skip image.tag NGINX image tag (immutable tags are recommended)
##
image:
  registry: docker.io
  repository: bitnami/nginx
  tag: __TAG__
  pullPolicy: IfNotPresent
## @param replicaCount Number of NGINX replicas to deploy
##
replicaCount: 1
## @section Traffic Exposure parameters

## NGINX Service properties
##
service:
  ## @param service.type Service type
  ##
  type: LoadBalancer
  ## @param service.ports.http Service HTTP port
  ## @param service.ports.https Service HTTPS port
  ##
  ports:
    http: 80
    https: 443
  ## @param service.nodePorts [object] Specify the nodePort(s) value(s) for the LoadBalancer and NodePort service types.
  ##
  nodePorts:
    http: ""
    https: ""
`;

function bitnamiNginxChart(version: string, appVersion: string, tag: string): Chart {
  return {
    name: 'nginx',
    version,
    appVersion,
    description: 'NGINX Open Source is a web server that can be also used as a reverse proxy, load balancer, and HTTP cache. Recommended for high-demanding sites due to its ability to provide faster content.',
    home: 'https://bitnami.com',
    icon: 'https://dyltqmyl993wv.cloudfront.net/assets/stacks/nginx/img/nginx-stack-220x234.png',
    keywords: ['nginx', 'http', 'web', 'www', 'reverse proxy'],
    valuesYaml: BITNAMI_NGINX_VALUES.replace('__TAG__', tag),
    render(release, values) {
      const name = fullname(release.name, 'nginx', values);
      const ns = release.namespace;
      const labels = { 'app.kubernetes.io/instance': release.name, 'app.kubernetes.io/managed-by': 'Helm', 'app.kubernetes.io/name': 'nginx', 'app.kubernetes.io/version': appVersion, 'helm.sh/chart': `nginx-${version}` };
      const selector = { 'app.kubernetes.io/instance': release.name, 'app.kubernetes.io/name': 'nginx' };
      const type = String(get(values, 'service.type') ?? 'LoadBalancer');
      const np = (k: string) => (get(values, `service.nodePorts.${k}`) ? { nodePort: Number(get(values, `service.nodePorts.${k}`)) } : {});
      const t = (f: string) => `nginx/templates/${f}`;
      return [
        { source: t('serviceaccount.yaml'), object: { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace: ns, labels }, automountServiceAccountToken: false } },
        {
          source: t('svc.yaml'),
          object: {
            apiVersion: 'v1',
            kind: 'Service',
            metadata: { name, namespace: ns, labels },
            spec: {
              type,
              ...(type !== 'ClusterIP' ? { externalTrafficPolicy: 'Cluster' } : {}),
              sessionAffinity: 'None',
              ports: [
                { name: 'http', port: Number(get(values, 'service.ports.http') ?? 80), targetPort: 'http', ...(type === 'ClusterIP' ? {} : np('http')) },
                { name: 'https', port: Number(get(values, 'service.ports.https') ?? 443), targetPort: 'https', ...(type === 'ClusterIP' ? {} : np('https')) },
              ],
              selector: selector,
            },
          },
        },
        {
          source: t('deployment.yaml'),
          object: {
            apiVersion: 'apps/v1',
            kind: 'Deployment',
            metadata: { name, namespace: ns, labels },
            spec: {
              replicas: Number(get(values, 'replicaCount') ?? 1),
              revisionHistoryLimit: 10,
              strategy: { rollingUpdate: {}, type: 'RollingUpdate' },
              selector: { matchLabels: selector },
              template: {
                metadata: { labels },
                spec: {
                  serviceAccountName: name,
                  automountServiceAccountToken: false,
                  containers: [
                    {
                      name: 'nginx',
                      image: `docker.io/bitnami/nginx:${get(values, 'image.tag') ?? tag}`,
                      imagePullPolicy: 'IfNotPresent',
                      env: [{ name: 'BITNAMI_DEBUG', value: 'false' }, { name: 'NGINX_HTTP_PORT_NUMBER', value: '8080' }, { name: 'NGINX_HTTPS_PORT_NUMBER', value: '8443' }],
                      ports: [{ name: 'http', containerPort: 8080 }, { name: 'https', containerPort: 8443 }],
                      livenessProbe: { failureThreshold: 6, initialDelaySeconds: 30, periodSeconds: 10, successThreshold: 1, tcpSocket: { port: 'http' }, timeoutSeconds: 5 },
                      readinessProbe: { failureThreshold: 3, initialDelaySeconds: 5, periodSeconds: 5, successThreshold: 1, tcpSocket: { port: 'http' }, timeoutSeconds: 3 },
                      resources: { limits: { cpu: '150m', 'ephemeral-storage': '2Gi', memory: '192Mi' }, requests: { cpu: '100m', 'ephemeral-storage': '50Mi', memory: '128Mi' } },
                    },
                  ],
                },
              },
            },
          },
        },
      ];
    },
    notes(release, values) {
      const type = String(get(values, 'service.type') ?? 'LoadBalancer');
      const name = fullname(release.name, 'nginx', values);
      return `CHART NAME: nginx
CHART VERSION: ${version}
APP VERSION: ${appVersion}

** Please be patient while the chart is being deployed **
NGINX can be accessed through the following DNS name from within your cluster:

    ${name}.${release.namespace}.svc.cluster.local (port 80)

To access NGINX from outside the cluster, follow the steps below:

1. Get the NGINX URL by running these commands:
${
  type === 'NodePort'
    ? `
    export NODE_PORT=$(kubectl get --namespace ${release.namespace} -o jsonpath="{.spec.ports[0].nodePort}" services ${name})
    export NODE_IP=$(kubectl get nodes --namespace ${release.namespace} -o jsonpath="{.items[0].status.addresses[0].address}")
    echo "http://\${NODE_IP}:\${NODE_PORT}"`
    : `
  NOTE: It may take a few minutes for the LoadBalancer IP to be available.
        Watch the status with: 'kubectl get svc --namespace ${release.namespace} -w ${name}'

    export SERVICE_PORT=$(kubectl get --namespace ${release.namespace} -o jsonpath="{.spec.ports[0].port}" services ${name})
    export SERVICE_IP=$(kubectl get svc --namespace ${release.namespace} ${name} -o jsonpath='{.status.loadBalancer.ingress[0].ip}')
    echo "http://\${SERVICE_IP}:\${SERVICE_PORT}"`
}
`;
    },
  };
}

const HEADLAMP_VALUES = `# Default values for headlamp.
# This is a YAML-formatted file.
# Declare variables to be passed into your templates.

# -- Number of desired pods
replicaCount: 1

image:
  # -- Container image registry
  registry: ghcr.io
  # -- Container image name
  repository: headlamp-k8s/headlamp
  # -- Image pull policy. One of Always, Never, IfNotPresent
  pullPolicy: IfNotPresent
  # -- Container image tag, If "" uses appVersion in Chart.yaml
  tag: ""

clusterRoleBinding:
  # -- Specified whether a cluster role binding should be created
  create: true
  # -- Set name of the ClusterRole to bind to
  clusterRoleName: cluster-admin

service:
  # -- Kubernetes Service type
  type: ClusterIP
  # -- Kubernetes Service port
  port: 80
  # -- Kubernetes Service Nodeport
  nodePort: null
`;

function headlampChart(version: string, appVersion: string): Chart {
  return {
    name: 'headlamp',
    version,
    appVersion,
    description: 'Headlamp is an easy-to-use and extensible Kubernetes web UI.',
    home: 'https://headlamp.dev/',
    icon: 'https://raw.githubusercontent.com/kubernetes-sigs/headlamp/main/frontend/public/android-chrome-192x192.png',
    keywords: ['kubernetes', 'plugins', 'kinvolk', 'headlamp', 'dashboard', 'ui', 'web', 'monitoring', 'logging'],
    valuesYaml: HEADLAMP_VALUES,
    render(release, values) {
      const name = fullname(release.name, 'headlamp', values);
      const ns = release.namespace;
      const labels = { 'helm.sh/chart': `headlamp-${version}`, 'app.kubernetes.io/name': 'headlamp', 'app.kubernetes.io/instance': release.name, 'app.kubernetes.io/version': appVersion, 'app.kubernetes.io/managed-by': 'Helm' };
      const selector = { 'app.kubernetes.io/name': 'headlamp', 'app.kubernetes.io/instance': release.name };
      const t = (f: string) => `headlamp/templates/${f}`;
      const nodePort = get(values, 'service.nodePort');
      const out: RenderedObject[] = [{ source: t('serviceaccount.yaml'), object: { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace: ns, labels } } }];
      if (get(values, 'clusterRoleBinding.create') !== false)
        out.push({ source: t('clusterrolebinding.yaml'), object: { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: `${name}-admin`, labels }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: String(get(values, 'clusterRoleBinding.clusterRoleName') ?? 'cluster-admin') }, subjects: [{ kind: 'ServiceAccount', name, namespace: ns }] } });
      out.push(
        { source: t('service.yaml'), object: { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: ns, labels }, spec: { type: String(get(values, 'service.type') ?? 'ClusterIP'), ports: [{ port: Number(get(values, 'service.port') ?? 80), targetPort: 'http', protocol: 'TCP', name: 'http', ...(nodePort ? { nodePort: Number(nodePort) } : {}) }], selector } } },
        {
          source: t('deployment.yaml'),
          object: {
            apiVersion: 'apps/v1',
            kind: 'Deployment',
            metadata: { name, namespace: ns, labels },
            spec: {
              replicas: Number(get(values, 'replicaCount') ?? 1),
              selector: { matchLabels: selector },
              template: {
                metadata: { labels: selector },
                spec: {
                  serviceAccountName: name,
                  securityContext: {},
                  containers: [
                    {
                      name: 'headlamp',
                      securityContext: { privileged: false, runAsGroup: 101, runAsNonRoot: true, runAsUser: 100 },
                      image: `ghcr.io/headlamp-k8s/headlamp:${get(values, 'image.tag') || `v${appVersion}`}`,
                      imagePullPolicy: 'IfNotPresent',
                      args: ['-in-cluster', '-plugins-dir=/headlamp/plugins'],
                      ports: [{ name: 'http', containerPort: 4466, protocol: 'TCP' }],
                      livenessProbe: { httpGet: { path: '/', port: 'http' } },
                      readinessProbe: { httpGet: { path: '/', port: 'http' } },
                    },
                  ],
                },
              },
            },
          },
        },
      );
      return out;
    },
    notes(release, values) {
      const name = fullname(release.name, 'headlamp', values);
      return `1. Get the application URL by running these commands:
  export POD_NAME=$(kubectl get pods --namespace ${release.namespace} -l "app.kubernetes.io/name=headlamp,app.kubernetes.io/instance=${release.name}" -o jsonpath="{.items[0].metadata.name}")
  export CONTAINER_PORT=$(kubectl get pod --namespace ${release.namespace} $POD_NAME -o jsonpath="{.spec.containers[0].ports[0].containerPort}")
  echo "Visit http://127.0.0.1:8080 to use your application"
  kubectl --namespace ${release.namespace} port-forward $POD_NAME 8080:$CONTAINER_PORT
2. Get the clusterrolebinding token using
  kubectl create token ${name} --namespace ${release.namespace}
`;
    },
  };
}

// ------------------------------------------------------------------ repositories

export interface ChartRepository {
  /** Canonical URL (without a trailing slash). */
  url: string;
  /** Newest first, per chart name. */
  charts: Chart[];
}

export const CHART_REPOSITORIES: ChartRepository[] = [
  {
    url: 'https://kubernetes.github.io/ingress-nginx',
    charts: [ingressNginxChart('4.12.1', '1.12.1', 'v1.5.2'), ingressNginxChart('4.12.0', '1.12.0', 'v1.5.0'), ingressNginxChart('4.11.5', '1.11.5', 'v1.5.0')],
  },
  { url: 'https://kubernetes-sigs.github.io/metrics-server', charts: [metricsServerChart('3.12.2', '0.7.2'), metricsServerChart('3.13.0', '0.8.0')].reverse() },
  { url: 'https://charts.bitnami.com/bitnami', charts: [bitnamiNginxChart('19.1.1', '1.28.0', '1.28.0-debian-12-r3'), bitnamiNginxChart('19.0.4', '1.27.4', '1.27.4-debian-12-r6')] },
  { url: 'https://kubernetes-sigs.github.io/headlamp', charts: [headlampChart('0.32.0', '0.32.0'), headlampChart('0.31.0', '0.31.0'), headlampChart('0.30.1', '0.30.1')] },
  { url: 'https://charts.helm.sh/stable', charts: [] },
];

export function chartRepository(url: string): ChartRepository | undefined {
  const clean = url.replace(/\/+$/, '');
  return CHART_REPOSITORIES.find((r) => r.url === clean);
}

/** The repository's index.yaml (what `helm repo add/update` downloads). */
export function repositoryIndex(repo: ChartRepository, generated: string): string {
  const entries: string[] = [];
  const byName = new Map<string, Chart[]>();
  for (const c of repo.charts) byName.set(c.name, [...(byName.get(c.name) ?? []), c]);
  for (const [name, charts] of byName) {
    entries.push(`  ${name}:`);
    for (const c of charts)
      entries.push(
        `  - apiVersion: v2\n    appVersion: ${c.appVersion}\n    created: "${generated}"\n    description: ${c.description}\n    home: ${c.home ?? ''}\n    name: ${name}\n    urls:\n    - ${repo.url}/${name}-${c.version}.tgz\n    version: ${c.version}`,
      );
  }
  return `apiVersion: v1\nentries:\n${entries.join('\n')}${entries.length ? '\n' : ''}generated: "${generated}"\n`;
}

/** Chart.yaml as `helm show chart` prints it. */
export function chartYaml(c: Chart): string {
  const lines = ['annotations:', `  category: Infrastructure`, `apiVersion: v2`, `appVersion: ${c.appVersion}`, `description: ${c.description}`];
  if (c.home) lines.push(`home: ${c.home}`);
  if (c.icon) lines.push(`icon: ${c.icon}`);
  if (c.keywords?.length) lines.push('keywords:', ...c.keywords.map((k) => `- ${k}`));
  lines.push(`name: ${c.name}`, `version: ${c.version}`);
  return `${lines.join('\n')}\n`;
}
