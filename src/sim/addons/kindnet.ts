/**
 * kindnet, the CNI minikube deploys when the runtime is not Docker on a kic driver, or for more
 * than one node (minikube v1.36.0 pkg/minikube/cni/cni.go chooseDefault):
 * - the manifest minikube applies (pkg/minikube/cni/kindnet.go kindNetManifest, rendered with
 *   images.KindNet's image, DefaultPodCIDR 10.244.0.0/16 and DefaultConfDir /etc/cni/net.d);
 * - what its kindnetd writes on each node once it runs: /etc/cni/net.d/10-kindnet.conflist
 *   (kubernetes-sigs/kind at df8de77b, the image's commit, images/kindnetd/cmd/kindnetd/cni.go
 *   cniConfigTemplate, single stack: one default route, the node's podCIDR, eth0's MTU).
 */

/** images.KindNet("") of minikube v1.36.0. */
export const KINDNET_IMAGE = 'docker.io/kindest/kindnetd:v20250512-df8de77b';
export const KINDNET_REPOSITORY = 'docker.io/kindest/kindnetd';

/** cni.DefaultPodCIDR and cni.DefaultConfDir. */
const POD_CIDR = '10.244.0.0/16';
const CNI_CONF_DIR = '/etc/cni/net.d';

/** kindNetManifest as text/template renders it for minikube's inputs. */
export function kindnetManifest(image = KINDNET_IMAGE): string {
  return `---
kind: ClusterRole
apiVersion: rbac.authorization.k8s.io/v1
metadata:
  name: kindnet
rules:
  - apiGroups:
    - policy
    resources:
    - podsecuritypolicies
    verbs:
    - use
    resourceNames: 
    - kindnet
  - apiGroups:
      - ""
    resources:
      - nodes
      - namespaces
      - pods
    verbs:
      - list
      - watch
      - patch
  - apiGroups:
     - ""
    resources:
      - configmaps
    verbs:
      - get
  - apiGroups:
      -  networking.k8s.io
    resources:
      - networkpolicies
    verbs:
      - get
      - list
      - watch
---
kind: ClusterRoleBinding
apiVersion: rbac.authorization.k8s.io/v1
metadata:
  name: kindnet
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: kindnet
subjects:
- kind: ServiceAccount
  name: kindnet
  namespace: kube-system
---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: kindnet
  namespace: kube-system
---
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: kindnet
  namespace: kube-system
  labels:
    tier: node
    app: kindnet
    k8s-app: kindnet
spec:
  selector:
    matchLabels:
      app: kindnet
  template:
    metadata:
      labels:
        tier: node
        app: kindnet
        k8s-app: kindnet
    spec:
      hostNetwork: true
      tolerations:
      - operator: Exists
        effect: NoSchedule
      serviceAccountName: kindnet
      containers:
      - name: kindnet-cni
        image: ${image}
        env:
        - name: HOST_IP
          valueFrom:
            fieldRef:
              fieldPath: status.hostIP
        - name: POD_IP
          valueFrom:
            fieldRef:
              fieldPath: status.podIP
        - name: POD_SUBNET
          value: ${POD_CIDR}
        volumeMounts:
        - name: cni-cfg
          mountPath: /etc/cni/net.d
        - name: xtables-lock
          mountPath: /run/xtables.lock
          readOnly: false
        - name: lib-modules
          mountPath: /lib/modules
          readOnly: true
        resources:
          requests:
            cpu: "100m"
            memory: "50Mi"
          limits:
            cpu: "100m"
            memory: "50Mi"
        securityContext:
          privileged: false
          capabilities:
            add: ["NET_RAW", "NET_ADMIN"]
      volumes:
      - name: cni-cfg
        hostPath:
          path: ${CNI_CONF_DIR}
          type: DirectoryOrCreate
      - name: xtables-lock
        hostPath:
          path: /run/xtables.lock
          type: FileOrCreate
      - name: lib-modules
        hostPath:
          path: /lib/modules

---
`;
}

export const KINDNET_CONFLIST_PATH = '/etc/cni/net.d/10-kindnet.conflist';

/**
 * cniConfigTemplate executed for one IPv4 pod CIDR: text/template keeps the tab-indented lines that
 * hold only actions ({{$first := true}}, {{if $first}}…) as blank indented lines, and `{{-` trims
 * before the range and its end. `mtu` is eth0's (the kic network's 1500); 0 leaves it out.
 */
export function kindnetConflist(podCidr: string, mtu = 1500): string {
  const t = (n: number) => '\t'.repeat(n);
  const lines = [
    '',
    '{',
    `${t(1)}"cniVersion": "0.3.1",`,
    `${t(1)}"name": "kindnet",`,
    `${t(1)}"plugins": [`,
    `${t(1)}{`,
    `${t(2)}"type": "ptp",`,
    `${t(2)}"ipMasq": false,`,
    `${t(2)}"ipam": {`,
    `${t(3)}"type": "host-local",`,
    `${t(3)}"dataDir": "/run/cni-ipam-state",`,
    `${t(3)}"routes": [`,
    t(4),
    t(4),
    `${t(4)}{ "dst": "0.0.0.0/0" }`,
    `${t(3)}],`,
    `${t(3)}"ranges": [`,
    t(4),
    t(4),
    `${t(4)}[ { "subnet": "${podCidr}" } ]`,
    `${t(3)}]`,
    `${t(2)}}`,
    ...(mtu ? [`${t(2)},`, `${t(2)}"mtu": ${mtu}`, t(2)] : [t(2)]),
    `${t(1)}},`,
    `${t(1)}{`,
    `${t(2)}"type": "portmap",`,
    `${t(2)}"capabilities": {`,
    `${t(3)}"portMappings": true`,
    `${t(2)}}`,
    `${t(1)}}`,
    `${t(1)}]`,
    '}',
  ];
  return lines.join('\n') + '\n';
}
