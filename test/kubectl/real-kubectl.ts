/** The real kubectl 1.33 run by the recorders against a world served over loopback HTTP. */
import { spawn } from 'node:child_process';

export const REAL_KUBECTL = '/usr/lib/google-cloud-sdk/bin/kubectl.1.33';

/** Run it with `args` (split on spaces) and only the kubeconfig from the environment. */
export function runRealKubectl(args: string, kubeconfig: string): Promise<{ stdout: string; stderr: string; exit: number }> {
  return new Promise((resolve) => {
    const p = spawn(REAL_KUBECTL, args.split(' '), { env: { PATH: '/usr/bin:/bin', HOME: '/nonexistent', KUBECONFIG: kubeconfig } });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    p.on('close', (code) => resolve({ stdout, stderr, exit: code ?? 1 }));
  });
}

/** A kubeconfig naming a plain-HTTP server on loopback, with a user that has no credentials. */
export function loopbackKubeconfig(port: number): string {
  return `apiVersion: v1\nkind: Config\nclusters:\n- cluster:\n    server: http://127.0.0.1:${port}\n  name: k\ncontexts:\n- context:\n    cluster: k\n    user: u\n  name: k\ncurrent-context: k\nusers:\n- name: u\n  user: {}\n`;
}
