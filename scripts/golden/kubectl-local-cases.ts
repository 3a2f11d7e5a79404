/**
 * Cases of client-side object handling recorded from the real kubectl 1.33 by kubectl-record.ts:
 * `kubectl patch --local` (the patch applied on the client, its errors) and how jsonpath prints
 * the numbers of an object built on the client (a typed object reaches the jsonpath printer
 * through encoding/json, every number a float64) or read from a file (an unstructured object:
 * integers stay int64). Inputs: test/golden/kubectl/_inputs/work/patch/.
 */
import type { CaseGroup } from './kubectl-cases';

const P = 'work/patch';
const CONTAINER_SIDECAR = `'{"spec":{"template":{"spec":{"containers":[{"name":"sidecar","image":"busybox"}]}}}}'`;

const PATCH_LOCAL: string[] = [
  // what it prints
  `kubectl patch --local -f work/deploy.yaml -p '{"spec":{"replicas":5}}' -o yaml`,
  `kubectl patch --local -f work/deploy.yaml -p '{"spec":{"replicas":5}}'`,
  `kubectl patch --local -f work/deploy.yaml -p '{"spec":{"replicas":5}}' -o json`,
  `kubectl patch --local -f work/deploy.yaml -p '{"spec":{"replicas":5}}' -o name`,
  `kubectl patch --local -f work/deploy.yaml -p '{}'`,
  `kubectl patch --local -f work/deploy.yaml -p '{"spec":{"replicas":2}}'`,
  `kubectl patch --local -f work/deploy.yaml -p '{"spec":{"replicas":5}}' --dry-run=client`,
  `kubectl patch --local -f work/deploy.yaml -p '{"spec":{"replicas":5}}' -o go-template='{{.spec.replicas}}'`,
  // strategic merge: lists merged by their patch merge key, directives
  `kubectl patch --local -f work/deploy.yaml -p ${CONTAINER_SIDECAR} -o yaml`,
  `kubectl patch --local -f work/deploy.yaml --type merge -p ${CONTAINER_SIDECAR} -o yaml`,
  `kubectl patch --local -f work/deploy.yaml -p '{"spec":{"template":{"spec":{"containers":[{"name":"nginx","ports":[{"containerPort":443}]}]}}}}' -o yaml`,
  `kubectl patch --local -f work/deploy.yaml -p '{"spec":{"template":{"spec":{"containers":[{"name":"nginx","$patch":"delete"}]}}}}' -o yaml`,
  `kubectl patch --local -f work/deploy.yaml -p '{"spec":{"template":{"spec":{"containers":[{"image":"x"}]}}}}'`,
  `kubectl patch --local -f work/deploy.yaml -p '{"metadata":{"$patch":"foo"}}'`,
  `kubectl patch --local -f work/deploy.yaml -p '{"metadata":{"labels":null}}' -o yaml`,
  `kubectl patch --local -f work/pod.yaml -p '{"spec":{"containers":[{"name":"c","env":[{"name":"A","value":"1"}]}]}}' -o yaml`,
  `kubectl patch --local -f work/deploy.yaml --type STRATEGIC -p '{"spec":{"replicas":1}}' -o jsonpath='{.spec.replicas}'`,
  // merge and JSON patches
  `kubectl patch --local -f work/deploy.yaml --type merge -p '{"metadata":{"labels":{"tier":"web"}}}' -o yaml`,
  `kubectl patch --local -f work/deploy.yaml --type json -p '[{"op":"replace","path":"/spec/replicas","value":7}]' -o jsonpath='{.spec.replicas}'`,
  `kubectl patch --local -f work/deploy.yaml --type=json -p '[{"op":"add","path":"/metadata/labels/tier","value":"web"}]' -o yaml`,
  `kubectl patch --local -f work/deploy.yaml --type json -p '[{"op":"remove","path":"/spec/foo"}]'`,
  `kubectl patch --local -f work/deploy.yaml --type json -p '[{"op":"add","path":"/spec/foo/bar","value":1}]'`,
  `kubectl patch --local -f work/deploy.yaml --type json -p '[{"op":"replace","path":"/spec/foo","value":1}]'`,
  `kubectl patch --local -f work/deploy.yaml --type json -p '[{"op":"test","path":"/spec/replicas","value":3}]'`,
  `kubectl patch --local -f work/deploy.yaml --type json -p '[{"op":"test","path":"/spec/replicas","value":2}]'`,
  `kubectl patch --local -f work/deploy.yaml --type json -p '[{"op":"bogus","path":"/spec/replicas"}]'`,
  `kubectl patch --local -f work/deploy.yaml --type json -p '{"op":"add"}'`,
  `kubectl patch --local -f work/deploy.yaml --type json -p '{bad'`,
  `kubectl patch --local -f work/deploy.yaml --type json -p '[{"op":"move","from":"/metadata/labels","path":"/metadata/annotations"}]' -o yaml`,
  `kubectl patch --local -f work/deploy.yaml --type json -p '[{"op":"copy","from":"/spec/replicas","path":"/metadata/generation"}]' -o jsonpath='{.metadata.generation}'`,
  ...[
    `[{"op":"remove","path":"/spec/template/spec/containers/3"}]`,
    `[{"op":"replace","path":"/spec/template/spec/containers/3","value":{}}]`,
    `[{"op":"move","from":"/spec/nope","path":"/spec/x"}]`,
    `[{"op":"copy","from":"/spec/nope/x","path":"/spec/x"}]`,
    `[{"op":"add","path":"/spec/template/spec/containers/5","value":{}}]`,
    `[{"op":"remove","path":"/nope/x"}]`,
    `[{"op":"test","path":"/nope/x","value":1}]`,
    `[1]`,
    `[{"op":"add","path":"/metadata/labels/a~1b","value":"c"}]`,
    `[{"op":"replace","path":"","value":"x"}]`,
    `null`,
  ].map((ops) => `kubectl patch --local -f work/deploy.yaml --type json -p '${ops}' -o jsonpath='{.metadata.labels}'`),
  `kubectl patch --local -f work/deploy.yaml --type merge -p '{"kind":null}'`,
  `kubectl patch --local -f work/deploy.yaml -p '{"kind":null}'`,
  `kubectl patch --local -f work/deploy.yaml -p 'null'`,
  `kubectl patch --local -f work/deploy.yaml --type merge -p 'null'`,
  `kubectl patch --local -f work/deploy.yaml --type merge -p '[{"a":null}]'`,
  // patch text: YAML, files, bad documents
  `kubectl patch --local -f work/deploy.yaml -p 'spec: {replicas: 4}' -o jsonpath='{.spec.replicas}'`,
  `kubectl patch --local -f work/deploy.yaml --patch-file ${P}/replicas.yaml -o yaml`,
  `kubectl patch --local -f work/deploy.yaml --type json --patch-file ${P}/ops.json -o yaml`,
  `kubectl patch --local -f work/deploy.yaml --patch-file ${P}/nope.json`,
  `kubectl patch --local -f work/deploy.yaml --patch-file work/app.env`,
  `kubectl patch --local -f work/deploy.yaml -p 'a: b: c'`,
  `kubectl patch --local -f work/deploy.yaml -p '- a'`,
  `kubectl patch --local -f work/deploy.yaml -p '{bad'`,
  `kubectl patch --local -f work/deploy.yaml -p '[1]'`,
  `kubectl patch --local -f work/deploy.yaml -p '"x"'`,
  `kubectl patch --local -f work/deploy.yaml --type merge -p '[1]'`,
  `kubectl patch --local -f work/deploy.yaml --type merge -p '"x"'`,
  `kubectl patch --local -f work/deploy.yaml --type merge -p '{bad'`,
  // several objects, lists, kinds kubectl does not know
  `kubectl patch --local -f ${P}/multi.yaml -p '{"metadata":{"labels":{"x":"y"}}}' -o yaml`,
  `kubectl patch --local -f ${P}/multi.yaml -p '{"metadata":{"labels":{"x":"y"}}}'`,
  `kubectl patch --local -f ${P}/multi.yaml -p '{"metadata":{"labels":{"x":"y"}}}' -o json`,
  `kubectl patch --local -f ${P}/multi.yaml --type json -p '[{"op":"replace","path":"/spec/containers/0/image","value":"redis"}]' -o name`,
  `kubectl patch --local -f ${P}/list.yaml -p '{"metadata":{"labels":{"x":"y"}}}' -o name`,
  `kubectl patch --local -f ${P}/widget.yaml -p '{"spec":{"size":4}}'`,
  `kubectl patch --local -f ${P}/widget.yaml --type merge -p '{"spec":{"size":4}}' -o yaml`,
  `kubectl patch --local -f ${P}/widget.yaml --type merge -p '{"spec":{"size":4}}'`,
  `kubectl patch --local -f work/deploy.yaml -f ${P}/widget.yaml --type merge -p '{"metadata":{"labels":{"x":"y"}}}' -o name`,
  `kubectl patch --local -f ${P}/multi.yaml --type json -p '[{"op":"remove","path":"/nope"}]'`,
  `kubectl patch --local -f ${P}/ns-cm.yaml -f ${P}/multi.yaml -n dev -p '{"metadata":{"labels":{"x":"y"}}}' -o name`,
  `kubectl patch --local -f ${P}/multi.yaml -f ${P}/ns-cm.yaml -f work/nope.yaml -n dev -p '{"metadata":{"labels":{"x":"y"}}}' -o name`,
  `kubectl patch --local -f ${P}/empty.yaml -p '{}'`,
  // namespaces
  `kubectl patch --local -f ${P}/ns-cm.yaml -p '{"data":{"m":"2"}}' -n dev`,
  `kubectl patch --local -f ${P}/ns-cm.yaml -p '{"data":{"m":"2"}}' -n prod -o yaml`,
  `kubectl patch --local -f work/pod.yaml -p '{"metadata":{"labels":{"x":"y"}}}' -n dev -o yaml`,
  // usage errors and missing input
  'kubectl patch --local',
  `kubectl patch --local -p '{}'`,
  `kubectl patch --local deploy web -p '{}'`,
  `kubectl patch --local -f work/deploy.yaml deploy web -p '{}'`,
  'kubectl patch --local -f work/deploy.yaml',
  `kubectl patch --local -f work/deploy.yaml -p '{}' --type foo`,
  `kubectl patch --local -f work/deploy.yaml -p '{}' --dry-run=server`,
  `kubectl patch --local -f work/deploy.yaml -p '{}' --patch-file ${P}/ops.json`,
  `kubectl patch --local -f work/deploy.yaml -p '{}' -o wide`,
  `kubectl patch --local -f work/nope.yaml -p '{}'`,
  `kubectl patch --local -f work/bad.yaml -p '{}'`,
  `kubectl patch --local -f work/nokind.yaml -p '{}'`,
  `kubectl patch -p '{}' --type foo`,
  `kubectl patch -p 'a: b: c'`,
  `kubectl patch --local -f work/deploy.yaml --patch-file ${P}/replicas.yaml -p ''`,
  // numbers and the jsonpath printer of an unstructured object
  `kubectl patch --local -f ${P}/nums.yaml --type merge -p '{}' -o jsonpath='{.big} {.flt} {.exp} {.small} {.whole} {.neg} {.nul} {.e} {.t}'`,
  `kubectl patch --local -f ${P}/nums.yaml -p '{}' -o jsonpath='{.big} {.flt} {.exp} {.small} {.whole} {.neg} {.nul} {.e} {.t}'`,
  `kubectl patch --local -f ${P}/nums.yaml --type merge -p '{}' -o yaml`,
  `kubectl patch --local -f ${P}/nums.yaml --type merge -p '{}' -o json`,
  `kubectl patch --local -f ${P}/bigdeploy.yaml -p '{}' -o jsonpath='{.spec.replicas} {.spec.template.spec.containers[0].ports[0].containerPort}'`,
  `kubectl patch --local -f work/deploy.yaml -p '{}' -o jsonpath='{.spec.template.spec.containers[5]}'`,
  `kubectl patch --local -f ${P}/nums.yaml --type merge -p '{}' -o jsonpath='{.metadata.annotations.a[2]}'`,
  `kubectl patch --local -f work/deploy.yaml -p '{}' -o jsonpath='{.spec.template.spec.containers[?(@.ports[0].containerPort==80)].name}'`,
  // a broken document ends its own file only: the next -f is still patched, the errors come last
  `kubectl patch --local -f ${P}/broken-middle.yaml -f work/deploy.yaml -p '{}' -o name`,
  `kubectl patch --local -f work/bad.yaml -f ${P}/broken-middle.yaml -f work/nokind.yaml -f work/deploy.yaml --type merge -p '{"metadata":{"labels":{"x":"y"}}}' -o name`,
  `kubectl patch --local -f work/nokind.yaml -f work/deploy.yaml -p '{}' -o name`,
];

/** The jsonpath printer on objects built or converted on the client (typed: numbers are float64). */
const TYPED_NUMBERS: string[] = [
  ...['2147483647', '1234567', '1000000', '999999', '123456', '0'].map(
    (n) => `kubectl create deployment x --image=nginx --replicas=${n} --dry-run=client -o jsonpath='{.spec.replicas}'`,
  ),
  `kubectl create deployment x --image=nginx --port=8080 --dry-run=client -o jsonpath='{.spec.template.spec.containers[0].ports[0].containerPort}'`,
  `kubectl create deployment x --image=nginx --replicas=3000000 --dry-run=client -o jsonpath='{.spec}'`,
  `kubectl create deployment x --image=nginx --replicas=3000000 --dry-run=client -o jsonpath-as-json='{.spec.replicas}'`,
  `kubectl create deployment x --image=nginx --replicas=3000000 --dry-run=client -o go-template='{{.spec.replicas}}'`,
  `kubectl create deployment x --image=nginx --replicas=3000000 --dry-run=client -o jsonpath='{.spec.template.spec.containers[3]}'`,
  `kubectl create deployment x --image=nginx --port=80 --dry-run=client -o jsonpath='{.spec.template.spec.containers[?(@.ports[0].containerPort==80)].name}'`,
  `kubectl create deployment x --image=nginx --port=80 --dry-run=client -o jsonpath='{.spec.template.spec.containers[?(@.ports[0].containerPort>79.5)].name}'`,
  `kubectl create deployment x --image=nginx --port=1234567 --dry-run=client -o jsonpath='{range .spec.template.spec.containers[*]}{.name}={.ports[0].containerPort}{"\\n"}{end}'`,
  `kubectl create service nodeport x --tcp=80:8080 --node-port=30080 --dry-run=client -o jsonpath='{.spec.ports[0].port} {.spec.ports[0].targetPort} {.spec.ports[0].nodePort}'`,
  `kubectl create service clusterip x --tcp=1234567:7654321 --dry-run=client -o jsonpath='{.spec.ports[0].port} {.spec.ports[0].targetPort}'`,
  `kubectl create service clusterip x --tcp=80:http --dry-run=client -o jsonpath='{.spec.ports[0].targetPort}{.spec.ports[1]}'`,
  `kubectl create priorityclass x --value=1000000 --dry-run=client -o jsonpath='{.value}'`,
  `kubectl create priorityclass x --value=-2000000 --dry-run=client -o jsonpath='{.value}'`,
  `kubectl create priorityclass x --value=999999 --dry-run=client -o jsonpath='{.value}'`,
  `kubectl create pdb x --selector=a=b --min-available=1000000 --dry-run=client -o jsonpath='{.spec.minAvailable}'`,
  `kubectl create job j --image=busybox --dry-run=client -o jsonpath='{.spec}'`,
  `kubectl create cronjob c --image=busybox --schedule="* * * * *" --dry-run=client -o jsonpath='{.spec.jobTemplate.spec}'`,
  `kubectl set resources -f ${P}/bigdeploy.yaml --local --limits=cpu=200m -o jsonpath='{.spec.replicas} {.spec.template.spec.containers[0].ports[0].containerPort}'`,
  `kubectl set image -f ${P}/bigdeploy.yaml --local nginx=nginx:2 -o jsonpath='{.spec.replicas} {.spec.template.spec.containers[0].ports[0].containerPort}'`,
  `kubectl set env -f ${P}/bigdeploy.yaml --local A=B -o jsonpath='{.spec.replicas} {.spec.template.spec.containers[0].ports[0].containerPort}'`,
  `kubectl set serviceaccount -f ${P}/bigdeploy.yaml --local sa1 -o jsonpath='{.spec.replicas} {.spec.template.spec.containers[0].ports[0].containerPort}'`,
  `kubectl set resources -f ${P}/bigdeploy.yaml --local --limits=cpu=200m -o json`,
  `kubectl label -f ${P}/bigdeploy.yaml --local a=b -o jsonpath='{.spec.replicas} {.spec.template.spec.containers[0].ports[0].containerPort}'`,
  `kubectl annotate -f ${P}/bigdeploy.yaml --local a=b -o jsonpath='{.spec.replicas} {.spec.template.spec.containers[0].ports[0].containerPort}'`,
  // filters compare by Go kind: an int64 of a file against an int literal, not a float or a string
  ...[
    '{.list[?(@.flag)].name}', '{.list[?(@.nothing)].name}', '{.list[?(@.port==80)].name}', '{.list[?(@.port>=80.5)].name}',
    '{.list[?(@.name=="b")].port}', '{.list[?(@.name<"b")].name}', '{.list[?(@.flag==true)].name}', '{.list[?(@.flag<true)].name}',
    '{.list[*].port}', '{.list[?(@.port!=8080)].name}', '{.list[?(@.nothing==1)].name}', '{.list[?(@.name=~"a")].name}',
    '{.metadata[?(@.name)]}', '{.list[?(@.name=>"a")].name}',
  ].map((t) => `kubectl patch --local -f ${P}/items.yaml --type merge -p '{}' -o jsonpath='${t}'`),
  `kubectl create deployment x --image=nginx --port=80 --dry-run=client -o jsonpath='{.spec.template.spec.containers[?(@.ports[0].containerPort==80.0)].name}'`,
  // a merge patch's values keep their literals: a whole number written as a float decodes as a float64
  `kubectl patch --local -f work/deploy.yaml --type merge -p '{"spec":{"replicas":1e6,"minReadySeconds":2.0e6},"x":[3.0e7,4,5.5],"y":{"z":1E+6,"w":7.0}}' -o jsonpath='{.spec.replicas} {.spec.minReadySeconds} {.x} {.x[*]} {.y.z} {.y.w} {.y}'`,
  `kubectl patch --local -f work/deploy.yaml --type merge -p '{"x":1e6}' -o jsonpath-as-json='{.x}'`,
  `kubectl patch --local -f work/deploy.yaml --type merge -p '{"x":[1e6,4]}' -o jsonpath='{.x[?(@==4)]}'`,
  `kubectl patch --local -f work/deploy.yaml --type merge -p '{"x":1e6}' -o go-template='{{.x}}'`,
  `kubectl patch --local -f work/deploy.yaml -p '{"spec":{"replicas":1e6}}' -o jsonpath='{.spec.replicas}'`,
  `kubectl patch --local -f work/deploy.yaml --type json -p '[{"op":"add","path":"/x","value":1e6}]' -o jsonpath='{.x}'`,
];

/** The same through commands that need discovery (run, expose, autoscale: the stub answers it). */
const TYPED_NUMBERS_DISCO: string[] = [
  `kubectl run x --image=nginx --port=8080000 --dry-run=client -o jsonpath='{.spec.containers[0].ports[0].containerPort}'`,
  `kubectl run x --image=nginx --port=8080000 --expose --dry-run=client -o jsonpath='{.spec.ports[0].port}{"\\n"}'`,
  `kubectl expose -f ${P}/bigdeploy.yaml --port=1234567 --dry-run=client -o jsonpath='{.spec.ports[0].port} {.spec.ports[0].targetPort}'`,
  `kubectl expose -f ${P}/bigdeploy.yaml --port=1234567 --target-port=2345678 --dry-run=client -o jsonpath='{.spec.ports[0].port} {.spec.ports[0].targetPort}'`,
  `kubectl autoscale -f ${P}/bigdeploy.yaml --max=3000000 --min=2000000 --cpu-percent=1000000 --dry-run=client -o jsonpath='{.spec.maxReplicas} {.spec.minReplicas} {.spec.metrics[0].resource.target.averageUtilization}'`,
  `kubectl autoscale -f ${P}/bigdeploy.yaml --max=3000000 --dry-run=client -o jsonpath='{.spec}'`,
];

export const LOCAL_CASES: CaseGroup[] = [
  { group: 'patch-local', setup: 'refused', commands: PATCH_LOCAL },
  {
    group: 'patch-local-nokubeconfig',
    setup: 'none',
    commands: [`kubectl patch --local -f work/deploy.yaml -p '{"spec":{"replicas":5}}'`, `kubectl patch --local -p '{}'`],
  },
  { group: 'jsonpath-numbers', setup: 'refused', commands: TYPED_NUMBERS },
  { group: 'jsonpath-numbers-disco', setup: 'disco', commands: TYPED_NUMBERS_DISCO },
];
