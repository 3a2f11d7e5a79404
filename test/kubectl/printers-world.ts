/**
 * The world behind the get/describe goldens: the default kubeadm cluster, then what a CKA learner
 * makes of it in a morning: workloads of every kind (a Deployment rolled once, a StatefulSet with a
 * volumeClaimTemplate, a DaemonSet, Jobs that completed and failed, a CronJob that has run), pods
 * Running, Pending, ImagePullBackOff, CrashLoopBackOff, Completed, one with init containers, probes,
 * resources and a volume of each type; Services of each type; an Ingress and its IngressClass;
 * NetworkPolicies; ConfigMaps and Secrets (opaque, TLS, docker-registry); RBAC; PVs, PVCs and
 * StorageClasses bound and pending; a ResourceQuota and a LimitRange of three types; a
 * PriorityClass, a PDB, an HPA; CSRs approved, pending and denied; a CRD and a custom resource;
 * cka02 tainted, cka03 cordoned.
 *
 * The world is booted with its clock at `startMs` (the recorder picks a start that ends the build
 * just before the real time, see printers-record.ts); the same start gives the same world.
 */
import { bootWorld, runScript } from '../../src/runtime/session';
import { clusterOf } from '../../src/sim/cluster/attach';
import { SimClock } from '../../src/sim/clock';
import type { ApiServer } from '../../src/sim/apiserver';

const SCRIPT = `kubectl create namespace prod
kubectl label node cka02 disk=ssd
kubectl taint node cka02 dedicated=db:PreferNoSchedule
kubectl create deployment web --image=nginx:1.27 --replicas=3
kubectl expose deployment web --port=80 --target-port=80
kubectl create deployment api -n prod --image=nginx:1.27 --replicas=2
kubectl create configmap app-config --from-literal=mode=prod --from-literal=level=debug
kubectl create secret generic db-pass --from-literal=password=s3cret --from-literal=user=admin
kubectl create secret docker-registry regcred --docker-server=registry.example.com --docker-username=u --docker-password=p --docker-email=u@example.com
cd /tmp && openssl req -x509 -newkey rsa:2048 -nodes -keyout tls.key -out tls.crt -days 365 -subj "/CN=web.example.com" 2>/dev/null
kubectl create secret tls web-tls --cert=tls.crt --key=tls.key
kubectl create serviceaccount builder
kubectl create role pod-reader --verb=get,list,watch --resource=pods
kubectl create rolebinding read-pods --role=pod-reader --serviceaccount=default:builder
kubectl create clusterrole node-viewer --verb=get,list --resource=nodes
kubectl create clusterrolebinding view-nodes --clusterrole=node-viewer --user=jane
kubectl create priorityclass high --value=1000 --description="for important pods"
kubectl create pdb web-pdb --selector=app=web --min-available=2
kubectl create quota prod-quota -n prod --hard=pods=10,requests.cpu=2,limits.memory=4Gi
kubectl apply -f - <<Y
apiVersion: v1
kind: LimitRange
metadata: {name: limits, namespace: prod}
spec:
  limits:
  - type: Pod
    max: {cpu: "2", memory: 2Gi}
  - type: Container
    default: {cpu: 500m, memory: 256Mi}
    defaultRequest: {cpu: 100m, memory: 128Mi}
    max: {cpu: "1", memory: 1Gi}
    min: {cpu: 50m, memory: 64Mi}
    maxLimitRequestRatio: {cpu: "4"}
  - type: PersistentVolumeClaim
    max: {storage: 5Gi}
    min: {storage: 1Gi}
Y
kubectl apply -f - <<Y
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata: {name: manual}
provisioner: kubernetes.io/no-provisioner
volumeBindingMode: WaitForFirstConsumer
---
apiVersion: v1
kind: PersistentVolume
metadata: {name: pv-data, labels: {type: local}}
spec:
  capacity: {storage: 1Gi}
  accessModes: [ReadWriteOnce]
  persistentVolumeReclaimPolicy: Retain
  storageClassName: ""
  hostPath: {path: /mnt/data}
---
apiVersion: v1
kind: PersistentVolume
metadata: {name: pv-spare}
spec:
  capacity: {storage: 2Gi}
  accessModes: [ReadWriteMany]
  storageClassName: slow
  nfs: {server: 10.0.0.9, path: /exports}
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: data}
spec:
  accessModes: [ReadWriteOnce]
  storageClassName: ""
  resources: {requests: {storage: 1Gi}}
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: waiting}
spec:
  accessModes: [ReadWriteOnce]
  storageClassName: fast
  resources: {requests: {storage: 500Mi}}
Y
kubectl apply -f - <<Y
apiVersion: v1
kind: PersistentVolume
metadata: {name: pv-db-0}
spec:
  capacity: {storage: 1Gi}
  accessModes: [ReadWriteOnce]
  storageClassName: manual
  hostPath: {path: /mnt/db0}
---
apiVersion: v1
kind: PersistentVolume
metadata: {name: pv-db-1}
spec:
  capacity: {storage: 1Gi}
  accessModes: [ReadWriteOnce]
  storageClassName: manual
  hostPath: {path: /mnt/db1}
---
apiVersion: v1
kind: Service
metadata: {name: db, labels: {app: db}}
spec:
  clusterIP: None
  selector: {app: db}
  ports: [{name: redis, port: 6379}]
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  serviceName: db
  replicas: 2
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec:
      containers:
      - name: redis
        image: redis:7
        ports: [{containerPort: 6379, name: redis}]
        volumeMounts: [{name: data, mountPath: /data}]
  volumeClaimTemplates:
  - metadata: {name: data}
    spec:
      accessModes: [ReadWriteOnce]
      storageClassName: manual
      resources: {requests: {storage: 1Gi}}
---
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: log-agent, namespace: kube-system, labels: {app: log-agent}}
spec:
  selector: {matchLabels: {app: log-agent}}
  template:
    metadata: {labels: {app: log-agent}}
    spec:
      tolerations: [{key: node-role.kubernetes.io/control-plane, operator: Exists, effect: NoSchedule}]
      containers:
      - name: agent
        image: busybox:1.36
        command: [sh, -c, "while true; do sleep 3600; done"]
        resources: {limits: {memory: 64Mi}, requests: {cpu: 10m, memory: 32Mi}}
        volumeMounts: [{name: varlog, mountPath: /var/log, readOnly: true}]
      volumes: [{name: varlog, hostPath: {path: /var/log, type: Directory}}]
Y
kubectl create job pi --image=busybox:1.36 -- sh -c 'echo 3.14'
kubectl apply -f - <<Y
apiVersion: batch/v1
kind: Job
metadata: {name: flaky}
spec:
  backoffLimit: 1
  template:
    spec:
      restartPolicy: Never
      containers: [{name: main, image: busybox:1.36, command: [sh, -c, "exit 3"]}]
Y
kubectl create cronjob tick --image=busybox:1.36 --schedule="*/5 * * * *" -- date
kubectl create service nodeport web-np --tcp=8080:80 --node-port=30080
kubectl create service loadbalancer web-lb --tcp=443:8443
kubectl create service externalname ext-db --external-name=db.example.com
kubectl expose deployment web --name=web-named --port=8080 --target-port=http
kubectl run busy --image=busybox:1.36 --restart=Never -- sh -c 'echo done'
kubectl run crash --image=busybox:1.36 -- sh -c 'echo boom; exit 1'
kubectl run badimage --image=nginx:no-such-tag
kubectl run huge --image=nginx:1.27 --overrides='{"spec":{"containers":[{"name":"huge","image":"nginx:1.27","resources":{"requests":{"cpu":"64"}}}]}}'
kubectl apply -f - <<Y
apiVersion: v1
kind: Pod
metadata: {name: full, labels: {app: full, tier: backend}, annotations: {note: "all the volume types"}}
spec:
  priorityClassName: high
  serviceAccountName: builder
  nodeSelector: {disk: ssd}
  tolerations: [{key: dedicated, operator: Equal, value: db, effect: PreferNoSchedule}]
  initContainers:
  - name: init-wait
    image: busybox:1.36
    command: [sh, -c, "echo init"]
  containers:
  - name: app
    image: nginx:1.27
    ports: [{containerPort: 80, name: http}]
    env:
    - {name: MODE, valueFrom: {configMapKeyRef: {name: app-config, key: mode}}}
    - {name: PASSWORD, valueFrom: {secretKeyRef: {name: db-pass, key: password}}}
    - {name: NODE, valueFrom: {fieldRef: {fieldPath: spec.nodeName}}}
    - {name: PLAIN, value: hello}
    - {name: POD_NAME, valueFrom: {fieldRef: {fieldPath: metadata.name}}}
    - {name: APP_LABEL, valueFrom: {fieldRef: {fieldPath: "metadata.labels['app']"}}}
    - {name: ALL_LABELS, valueFrom: {fieldRef: {fieldPath: metadata.labels}}}
    - {name: CPU_LIMIT, valueFrom: {resourceFieldRef: {containerName: app, resource: limits.cpu, divisor: 1m}}}
    - {name: MEM_REQUEST, valueFrom: {resourceFieldRef: {containerName: app, resource: requests.memory}}}
    - {name: MEM_LIMIT_MI, valueFrom: {resourceFieldRef: {containerName: app, resource: limits.memory, divisor: 1Mi}}}
    envFrom: [{configMapRef: {name: app-config}}]
    resources: {requests: {cpu: 100m, memory: 64Mi}, limits: {cpu: 200m, memory: 128Mi}}
    securityContext: {seccompProfile: {type: RuntimeDefault}, allowPrivilegeEscalation: false}
    livenessProbe: {httpGet: {path: /, port: 80}, initialDelaySeconds: 5, periodSeconds: 10}
    readinessProbe: {tcpSocket: {port: 80}, periodSeconds: 5}
    startupProbe: {exec: {command: [cat, /etc/hostname]}, failureThreshold: 30}
    volumeMounts:
    - {name: cfg, mountPath: /etc/cfg}
    - {name: sec, mountPath: /etc/sec, readOnly: true}
    - {name: scratch, mountPath: /scratch}
    - {name: host, mountPath: /host}
    - {name: claim, mountPath: /data}
    - {name: info, mountPath: /info}
    - {name: proj, mountPath: /proj}
  volumes:
  - {name: cfg, configMap: {name: app-config}}
  - {name: sec, secret: {secretName: db-pass}}
  - {name: scratch, emptyDir: {sizeLimit: 100Mi}}
  - {name: host, hostPath: {path: /tmp, type: DirectoryOrCreate}}
  - {name: claim, persistentVolumeClaim: {claimName: data}}
  - {name: info, downwardAPI: {items: [{path: labels, fieldRef: {fieldPath: metadata.labels}}]}}
  - name: proj
    projected:
      sources:
      - configMap: {name: app-config}
      - secret: {name: db-pass}
Y
kubectl apply -f - <<Y
apiVersion: networking.k8s.io/v1
kind: IngressClass
metadata: {name: nginx, annotations: {ingressclass.kubernetes.io/is-default-class: "true"}}
spec: {controller: k8s.io/ingress-nginx}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web}
spec:
  ingressClassName: nginx
  tls: [{hosts: [web.example.com], secretName: web-tls}]
  rules:
  - host: web.example.com
    http:
      paths:
      - {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}
      - {path: /api, pathType: Exact, backend: {service: {name: api, port: {name: http}}}}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny-all, namespace: prod}
spec: {podSelector: {}, policyTypes: [Ingress, Egress]}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: allow-web}
spec:
  podSelector: {matchLabels: {app: db}}
  policyTypes: [Ingress, Egress]
  ingress:
  - from:
    - podSelector: {matchLabels: {app: web}}
    - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: prod}}
    - ipBlock: {cidr: 10.0.0.0/8, except: [10.1.0.0/16]}
    ports: [{protocol: TCP, port: 6379}]
  egress:
  - to: [{podSelector: {matchLabels: {app: dns}}}]
    ports: [{protocol: UDP, port: 53}]
---
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: backups.example.com}
spec:
  group: example.com
  scope: Namespaced
  names: {plural: backups, singular: backup, kind: Backup, shortNames: [bk]}
  versions:
  - name: v1
    served: true
    storage: true
    schema: {openAPIV3Schema: {type: object, properties: {spec: {type: object, properties: {schedule: {type: string}, target: {type: string}}}}}}
    additionalPrinterColumns:
    - {name: Schedule, type: string, jsonPath: .spec.schedule}
    - {name: Target, type: string, jsonPath: .spec.target, priority: 1}
    - {name: Age, type: date, jsonPath: .metadata.creationTimestamp}
Y
sleep 2
kubectl apply -f - <<Y
apiVersion: example.com/v1
kind: Backup
metadata: {name: nightly}
spec: {schedule: "0 2 * * *", target: db}
Y
kubectl autoscale deployment web --min=2 --max=5 --cpu-percent=70
kubectl apply -f - <<Y
apiVersion: v1
kind: Pod
metadata: {name: sidecar, labels: {app: sidecar}}
spec:
  initContainers:
  - {name: log-shipper, image: busybox:1.36, restartPolicy: Always, command: [sh, -c, "tail -F /dev/null"]}
  containers:
  - name: web
    image: nginx:1.27
    ports: [{containerPort: 80, name: http}, {containerPort: 443, name: https, hostPort: 8443}]
  readinessGates: [{conditionType: example.com/feature-1}]
  affinity:
    podAntiAffinity:
      preferredDuringSchedulingIgnoredDuringExecution:
      - weight: 100
        podAffinityTerm: {labelSelector: {matchLabels: {app: web}}, topologyKey: kubernetes.io/hostname}
---
apiVersion: v1
kind: Service
metadata: {name: sticky}
spec:
  selector: {app: sidecar}
  sessionAffinity: ClientIP
  externalIPs: [192.168.6.200]
  ports: [{name: http, port: 80, targetPort: http}, {name: https, port: 443, targetPort: https}]
---
apiVersion: v1
kind: Secret
metadata: {name: builder-token, annotations: {kubernetes.io/service-account.name: builder}}
type: kubernetes.io/service-account-token
---
apiVersion: v1
kind: ConfigMap
metadata: {name: blob}
data: {script.sh: "#!/bin/sh\\necho hi\\n"}
binaryData: {logo.png: iVBORw0KGgo=}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: health-reader}
rules:
- {nonResourceURLs: [/healthz, /livez], verbs: [get]}
- {apiGroups: [""], resources: [configmaps], resourceNames: [app-config], verbs: [get, update]}
---
apiVersion: v1
kind: PersistentVolume
metadata: {name: pv-local}
spec:
  capacity: {storage: 3Gi}
  accessModes: [ReadWriteOnce]
  storageClassName: local
  local: {path: /mnt/disks/ssd1}
  nodeAffinity:
    required:
      nodeSelectorTerms:
      - matchExpressions: [{key: kubernetes.io/hostname, operator: In, values: [cka02]}]
---
apiVersion: batch/v1
kind: Job
metadata: {name: batch}
spec:
  completions: 3
  parallelism: 2
  template:
    spec:
      restartPolicy: Never
      containers: [{name: work, image: busybox:1.36, command: [sh, -c, "echo work"]}]
Y
kubectl create deployment paused --image=nginx:1.27
kubectl rollout pause deployment paused
cd /tmp; openssl genrsa -out k.key 2048 2>/dev/null
openssl req -new -key k.key -subj "/CN=jane/O=dev" -out jane.csr
for n in jane bob eve; do kubectl create -f - <<Y
apiVersion: certificates.k8s.io/v1
kind: CertificateSigningRequest
metadata: {name: $n}
spec: {request: $(base64 -w0 jane.csr), signerName: kubernetes.io/kube-apiserver-client, expirationSeconds: 86400, usages: [client auth]}
Y
done
kubectl certificate approve jane
kubectl certificate deny eve
sleep 30
kubectl set image deployment/web nginx=nginx:1.28
kubectl rollout status deployment/web
kubectl cordon cka03
sleep 600
`;

export async function buildPrintersWorld(startMs: number): Promise<{ server: ApiServer; now: () => number }> {
  const clock = new SimClock({ startMs });
  const world = bootWorld('cluster', 1, clock);
  const r = await runScript(world, 'cka01', SCRIPT);
  // Objects of its last manifests must exist: a world that silently failed would record empty goldens.
  const check = await runScript(world, 'cka01', 'kubectl get backup/nightly pod/sidecar configmap/blob -o name');
  if (check.status !== 0) throw new Error(`the world's script failed: ${r.stderr}${check.stderr}`);
  return { server: clusterOf(world)!.apiServer, now: () => clock.now() };
}
