/**
 * The environment of a process in a container, in the order the runtime hands it over
 * (execve's envp, which `env` and `printenv` print as they find it):
 * - containerd's CRI plugin starts from its default PATH (oci.WithDefaultPathEnv), appends
 *   HOSTNAME, then the image's Env and the kubelet's variables, each replacing a variable already
 *   there in its place or appended (oci.WithEnv → replaceOrAppendEnvValues, pkg/oci/spec_opts.go;
 *   internal/cri/server/container_create.go);
 * - an exec with a terminal adds TERM=xterm the same way (internal/cri/server/container_execsync.go);
 * - runc sets HOME from the user's passwd entry last, when nothing set it.
 */
import type { Program } from '../../shell/command';

/** The image Env of the images we simulate: PATH only (docker-library's busybox, alpine, nginx…). */
export const IMAGE_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

export function processEnvironment(opts: { hostname: string; kubeletEnv: Record<string, string>; tty: boolean; home: string }): Record<string, string> {
  const env: Record<string, string> = { PATH: IMAGE_PATH, HOSTNAME: opts.hostname };
  // Object keys keep their first position when assigned again: replaceOrAppendEnvValues' rule.
  for (const [k, v] of Object.entries(opts.kubeletEnv)) env[k] = v;
  if (opts.tty) env.TERM = 'xterm';
  if (!('HOME' in env)) env.HOME = opts.home;
  return env;
}

/**
 * `env` and `printenv` over the shell's environment (which our shell keeps sorted) list the
 * variables the process started with in their order, then those set since.
 */
export function inProcessOrder(program: Program, order: readonly string[]): Program {
  return (p) => {
    const env: Record<string, string> = {};
    for (const k of order) if (Object.hasOwn(p.env, k)) env[k] = p.env[k];
    for (const [k, v] of Object.entries(p.env)) if (!Object.hasOwn(env, k)) env[k] = v;
    return program({ ...p, env });
  };
}
