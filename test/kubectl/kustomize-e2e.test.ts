/**
 * Kustomize end to end on the cluster scenario: an overlay over a base applied with -k; a new
 * configMapGenerator literal renames the ConfigMap, which rolls the Deployment out.
 */
import { describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../src/runtime/session';

const SETUP = `mkdir -p app/base app/overlays/prod
cat > app/base/deploy.yaml <<'X'
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 1
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        image: nginx:1.25
        envFrom:
        - configMapRef:
            name: settings
X
cat > app/base/kustomization.yaml <<'X'
resources:
- deploy.yaml
configMapGenerator:
- name: settings
  literals:
  - MODE=base
X
cat > app/overlays/prod/kustomization.yaml <<'X'
namespace: prod
namePrefix: prod-
labels:
- pairs:
    env: prod
  includeSelectors: true
resources:
- ../../base
configMapGenerator:
- name: settings
  behavior: merge
  literals:
  - MODE=prod
images:
- name: nginx
  newTag: "1.27"
replicas:
- name: web
  count: 2
X
kubectl create namespace prod`;

describe('kubectl apply -k on a cluster', () => {
  it('applies an overlay; a changed generator renames the ConfigMap and rolls the Deployment out', async () => {
    const world = bootWorld('cluster');
    await runScript(world, 'cka01', SETUP);
    const first = await runScript(world, 'cka01', 'kubectl apply -k app/overlays/prod');
    expect(first.stdout).toMatch(/^configmap\/prod-settings-[a-z0-9]{10} created\ndeployment\.apps\/prod-web created\n$/);
    await runScript(world, 'cka01', 'kubectl -n prod rollout status deploy/prod-web');
    const cm1 = /prod-settings-[a-z0-9]{10}/.exec(first.stdout)![0];
    const used = await runScript(world, 'cka01', "kubectl -n prod get deploy prod-web -o jsonpath='{.spec.replicas} {.spec.template.spec.containers[0].image} {.spec.template.spec.containers[0].envFrom[0].configMapRef.name} {.spec.selector.matchLabels.env}'");
    expect(used.stdout).toBe(`2 nginx:1.27 ${cm1} prod`);
    await runScript(world, 'cka01', "sed -i 's/MODE=prod/MODE=debug/' app/overlays/prod/kustomization.yaml");
    const second = await runScript(world, 'cka01', 'kubectl apply -k app/overlays/prod');
    const cm2 = /prod-settings-[a-z0-9]{10}/.exec(second.stdout)![0];
    expect(cm2).not.toBe(cm1);
    expect(second.stdout).toBe(`configmap/${cm2} created\ndeployment.apps/prod-web configured\n`);
    await runScript(world, 'cka01', 'kubectl -n prod rollout status deploy/prod-web');
    const history = await runScript(world, 'cka01', 'kubectl -n prod rollout history deploy/prod-web');
    expect(history.stdout).toContain('2         <none>');
    const built = await runScript(world, 'cka01', 'kubectl kustomize app/overlays/prod | grep -c "MODE: debug"');
    expect(built.stdout).toBe('1\n');
  });
});
