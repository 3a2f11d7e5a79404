/**
 * A DaemonSet's and a StatefulSet's ControllerRevisions after a rollback, as their controllers keep
 * them (daemon/update.go constructHistory: the revision matching the template again is renumbered
 * maxRevision(old) + 1; statefulset's getStatefulSetRevisions does the same), so that
 * `kubectl rollout history` shows the rolled-back template as the newest revision and its old
 * number is gone — and `rollout undo --to-revision` of the old number finds nothing.
 */
import { describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../../src/runtime/session';

const manifests: Record<string, string> = {
  ds: `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec: {containers: [{name: c, image: "nginx:1.27"}]}`,
  sts: `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: agent}
spec:
  serviceName: agent
  replicas: 1
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec: {containers: [{name: c, image: "nginx:1.27"}]}`,
};

describe('revision history after a rollback', () => {
  for (const kind of ['ds', 'sts'] as const) {
    it(`${kind}: undo renumbers the revision it goes back to, one past the others`, async () => {
      const world = bootWorld('cluster');
      const run = async (script: string) => (await runScript(world, 'cka01', script)).stdout;
      await run(`kubectl create -f - >/dev/null <<'EOF'\n${manifests[kind]}\nEOF\nsleep 20\nkubectl set image ${kind}/agent c=nginx:1.28 >/dev/null\nsleep 60`);
      expect(await run(`kubectl rollout history ${kind}/agent | sed 1,2d`)).toBe('1         <none>\n2         <none>\n\n');
      await run(`kubectl rollout undo ${kind}/agent >/dev/null; sleep 30`);
      expect(await run(`kubectl rollout history ${kind}/agent | sed 1,2d`)).toBe('2         <none>\n3         <none>\n\n');
      expect(await run(`kubectl get ${kind}/agent -o jsonpath='{.spec.template.spec.containers[0].image}'`)).toBe('nginx:1.27');
      const gone = await runScript(world, 'cka01', `kubectl rollout undo ${kind}/agent --to-revision=1`);
      expect(gone.stderr).toBe('error: unable to find specified revision 1 in history\n');
      expect(gone.status).toBe(1);
    });
  }
});
