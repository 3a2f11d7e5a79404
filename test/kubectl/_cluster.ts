/** A real simulated API server behind a kubeconfig, for kubectl integration tests. */
import { SimClock } from '../../src/sim/clock';
import { SeededRandom } from '../../src/sim/random';
import { createApiServer } from '../../src/sim/apiserver';
import { MemFs } from './_memfs';
import { runKubectl, type RunResult } from './_run';

export const SERVER = 'https://192.168.6.171:6443';

export const KUBECONFIG = `apiVersion: v1
kind: Config
clusters:
- cluster:
    server: ${SERVER}
  name: kubernetes
contexts:
- context:
    cluster: kubernetes
    user: kubernetes-admin
  name: kubernetes-admin@kubernetes
current-context: kubernetes-admin@kubernetes
users:
- name: kubernetes-admin
  user:
    token: admin
`;

export function cluster() {
  const clock = new SimClock();
  const server = createApiServer({ clock, random: new SeededRandom(42) });
  // The serviceaccount controller is not running here: give the default namespace its account.
  server.request({ verb: 'create', group: '', version: 'v1', resource: 'serviceaccounts', namespace: 'default', body: { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default' } } });
  const fs = new MemFs('/root');
  fs.mkdir('/root/.kube', { recursive: true });
  fs.writeFile('/root/.kube/config', KUBECONFIG);
  const run = (line: string, stdin?: string): Promise<RunResult> =>
    runKubectl(line, { fs, clock, transports: { [SERVER]: server }, stdin });
  return { clock, server, fs, run };
}
