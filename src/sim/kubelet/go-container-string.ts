/**
 * A container spec as the kubelet prints it with %+v: the String() method that gogo-protobuf
 * generates for k8s.io/api/core/v1 types (`&Container{Name:web,Image:nginx,Command:[],...,}`):
 * fields in declaration order, `nil` for absent pointers, `*value` for set scalar pointers,
 * `[]T{T{...},}` for lists of messages, `[a b]` for lists of strings. A v1.33 kubelet writes it in
 * the "start failed in pod" error of a container it cannot start (kuberuntime_manager.go).
 */
type Obj = Record<string, unknown>;

const str = (v: unknown): string => (v === undefined || v === null ? '' : String(v));
const num = (v: unknown, d = 0): string => String(v ?? d);
const bool = (v: unknown): string => String(v === true);
/** A pointer to a scalar: nil, or *value. */
const ptr = (v: unknown): string => (v === undefined || v === null ? 'nil' : `*${String(v)}`);
/** A []string as %v prints it. */
const strings = (v: unknown): string => `[${((v as unknown[] | undefined) ?? []).map(String).join(' ')}]`;
/** A list of messages. */
const list = (type: string, v: unknown, item: (o: Obj) => string): string => `[]${type}{${((v as Obj[] | undefined) ?? []).map((o) => `${item(o)},`).join('')}}`;
/** A pointer to a message. */
const msg = (v: unknown, item: (o: Obj) => string): string => (v === undefined || v === null ? 'nil' : `&${item(v as Obj)}`);
/** intstr.IntOrString as %v prints its struct: {Type IntVal StrVal}. */
const intOrString = (v: unknown): string => (typeof v === 'number' || /^\d+$/.test(String(v)) ? `{0 ${Number(v)} }` : `{1 0 ${str(v)}}`);

const QUANTITY = /^([+-]?\d+(?:\.\d+)?)([a-zA-Z]*)$/;
const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };

/** resource.Quantity's struct as %v prints a map value: {{value scale} {<nil>} cached-string Format}. */
function quantity(v: unknown): string {
  const text = String(v);
  const m = QUANTITY.exec(text);
  if (!m) return `{{0 0} {<nil>}  DecimalSI}`;
  const [, n, suffix] = m;
  if (suffix in BINARY) return `{{${Math.round(Number(n) * BINARY[suffix])} 0} {<nil>}  BinarySI}`;
  const [whole, frac = ''] = n.split('.');
  const scale = (DECIMAL[suffix] ?? 0) - frac.length;
  const mantissa = Number(`${whole}${frac}`);
  return `{{${mantissa} ${scale}} {<nil>}  DecimalSI}`;
}

const resourceList = (v: unknown): string => {
  const o = (v as Obj | undefined) ?? {};
  return `ResourceList{${Object.keys(o).sort().map((k) => `${k}: ${quantity(o[k])},`).join('')}}`;
};

const localRef = (o: Obj) => `LocalObjectReference:LocalObjectReference{Name:${str(o.name)},}`;
const keySelector = (type: string) => (o: Obj) => `${type}{${localRef(o)},Key:${str(o.key)},Optional:${ptr(o.optional)},}`;
const envVarSource = (o: Obj) =>
  `EnvVarSource{FieldRef:${msg(o.fieldRef, (f) => `ObjectFieldSelector{APIVersion:${str(f.apiVersion ?? 'v1')},FieldPath:${str(f.fieldPath)},}`)},` +
  `ResourceFieldRef:${msg(o.resourceFieldRef, (r) => `ResourceFieldSelector{ContainerName:${str(r.containerName)},Resource:${str(r.resource)},Divisor:${quantity(r.divisor ?? '0')},}`)},` +
  `ConfigMapKeyRef:${msg(o.configMapKeyRef, keySelector('ConfigMapKeySelector'))},SecretKeyRef:${msg(o.secretKeyRef, keySelector('SecretKeySelector'))},}`;
const envVar = (o: Obj) => `EnvVar{Name:${str(o.name)},Value:${str(o.value)},ValueFrom:${msg(o.valueFrom, envVarSource)},}`;
const envFrom = (o: Obj) =>
  `EnvFromSource{Prefix:${str(o.prefix)},ConfigMapRef:${msg(o.configMapRef, (r) => `ConfigMapEnvSource{${localRef(r)},Optional:${ptr(r.optional)},}`)},SecretRef:${msg(o.secretRef, (r) => `SecretEnvSource{${localRef(r)},Optional:${ptr(r.optional)},}`)},}`;
const port = (o: Obj) => `ContainerPort{Name:${str(o.name)},HostPort:${num(o.hostPort)},ContainerPort:${num(o.containerPort)},Protocol:${str(o.protocol ?? 'TCP')},HostIP:${str(o.hostIP)},}`;
const volumeMount = (o: Obj) =>
  `VolumeMount{Name:${str(o.name)},ReadOnly:${bool(o.readOnly)},MountPath:${str(o.mountPath)},SubPath:${str(o.subPath)},MountPropagation:${ptr(o.mountPropagation)},SubPathExpr:${str(o.subPathExpr)},RecursiveReadOnly:${ptr(o.recursiveReadOnly)},}`;
const httpGet = (o: Obj) =>
  `HTTPGetAction{Path:${str(o.path)},Port:${intOrString(o.port)},Host:${str(o.host)},Scheme:${str(o.scheme ?? 'HTTP')},HTTPHeaders:${list('HTTPHeader', o.httpHeaders, (h) => `HTTPHeader{Name:${str(h.name)},Value:${str(h.value)},}`)},}`;
const tcpSocket = (o: Obj) => `TCPSocketAction{Port:${intOrString(o.port)},Host:${str(o.host)},}`;
const exec = (o: Obj) => `ExecAction{Command:${strings(o.command)},}`;
const probe = (o: Obj) =>
  `Probe{ProbeHandler:ProbeHandler{Exec:${msg(o.exec, exec)},HTTPGet:${msg(o.httpGet, httpGet)},TCPSocket:${msg(o.tcpSocket, tcpSocket)},GRPC:${msg(o.grpc, (g) => `GRPCAction{Port:${num(g.port)},Service:${ptr(g.service)},}`)},},` +
  `InitialDelaySeconds:${num(o.initialDelaySeconds)},TimeoutSeconds:${num(o.timeoutSeconds, 1)},PeriodSeconds:${num(o.periodSeconds, 10)},SuccessThreshold:${num(o.successThreshold, 1)},FailureThreshold:${num(o.failureThreshold, 3)},TerminationGracePeriodSeconds:${ptr(o.terminationGracePeriodSeconds)},}`;
const lifecycleHandler = (o: Obj) => `LifecycleHandler{Exec:${msg(o.exec, exec)},HTTPGet:${msg(o.httpGet, httpGet)},TCPSocket:${msg(o.tcpSocket, tcpSocket)},Sleep:${msg(o.sleep, (s) => `SleepAction{Seconds:${num(s.seconds)},}`)},}`;
const lifecycle = (o: Obj) => `Lifecycle{PostStart:${msg(o.postStart, lifecycleHandler)},PreStop:${msg(o.preStop, lifecycleHandler)},StopSignal:${ptr(o.stopSignal)},}`;
const capabilities = (o: Obj) => `Capabilities{Add:${strings(o.add)},Drop:${strings(o.drop)},}`;
const securityContext = (o: Obj) =>
  `SecurityContext{Capabilities:${msg(o.capabilities, capabilities)},Privileged:${ptr(o.privileged)},SELinuxOptions:${msg(o.seLinuxOptions, (s) => `SELinuxOptions{User:${str(s.user)},Role:${str(s.role)},Type:${str(s.type)},Level:${str(s.level)},}`)},WindowsOptions:nil,` +
  `RunAsUser:${ptr(o.runAsUser)},RunAsGroup:${ptr(o.runAsGroup)},RunAsNonRoot:${ptr(o.runAsNonRoot)},ReadOnlyRootFilesystem:${ptr(o.readOnlyRootFilesystem)},AllowPrivilegeEscalation:${ptr(o.allowPrivilegeEscalation)},ProcMount:${ptr(o.procMount)},` +
  `SeccompProfile:${msg(o.seccompProfile, (s) => `SeccompProfile{Type:${str(s.type)},LocalhostProfile:${ptr(s.localhostProfile)},}`)},AppArmorProfile:${msg(o.appArmorProfile, (s) => `AppArmorProfile{Type:${str(s.type)},LocalhostProfile:${ptr(s.localhostProfile)},}`)},}`;
const resources = (o: Obj) =>
  `ResourceRequirements{Limits:${resourceList(o.limits)},Requests:${resourceList(o.requests)},Claims:${list('ResourceClaim', o.claims, (c) => `ResourceClaim{Name:${str(c.name)},Request:${str(c.request)},}`)},}`;

/** `&Container{...}` for a container of a pod spec (as stored: defaults filled in). */
export function goContainerString(c: Obj): string {
  return (
    `&Container{Name:${str(c.name)},Image:${str(c.image)},Command:${strings(c.command)},Args:${strings(c.args)},WorkingDir:${str(c.workingDir)},` +
    `Ports:${list('ContainerPort', c.ports, port)},Env:${list('EnvVar', c.env, envVar)},Resources:${resources((c.resources as Obj | undefined) ?? {})},` +
    `VolumeMounts:${list('VolumeMount', c.volumeMounts, volumeMount)},LivenessProbe:${msg(c.livenessProbe, probe)},ReadinessProbe:${msg(c.readinessProbe, probe)},` +
    `Lifecycle:${msg(c.lifecycle, lifecycle)},TerminationMessagePath:${str(c.terminationMessagePath)},ImagePullPolicy:${str(c.imagePullPolicy)},` +
    `SecurityContext:${msg(c.securityContext, securityContext)},Stdin:${bool(c.stdin)},StdinOnce:${bool(c.stdinOnce)},TTY:${bool(c.tty)},` +
    `EnvFrom:${list('EnvFromSource', c.envFrom, envFrom)},TerminationMessagePolicy:${str(c.terminationMessagePolicy)},` +
    `VolumeDevices:${list('VolumeDevice', c.volumeDevices, (d) => `VolumeDevice{Name:${str(d.name)},DevicePath:${str(d.devicePath)},}`)},StartupProbe:${msg(c.startupProbe, probe)},` +
    `ResizePolicy:${list('ContainerResizePolicy', c.resizePolicy, (r) => `ContainerResizePolicy{ResourceName:${str(r.resourceName)},RestartPolicy:${str(r.restartPolicy)},}`)},RestartPolicy:${ptr(c.restartPolicy)},}`
  );
}
