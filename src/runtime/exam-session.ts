/**
 * The exam's terminal (2025 format): the candidate logs in to `base` (scenario exam-base) with no
 * kubeconfig, and `ssh <host>` lands on that exam host's control plane, a cluster of its own (a
 * world booted by src/exams/world.ts). Each host gets the `candidate` account with sudo and the
 * cluster's admin kubeconfig, as the exam provides; `exit` returns to base.
 */
import { Session, type RemoteHost, type SessionOptions } from '../shell/session';
import type { World } from '../sim/world';
import { EXAM_BASE, EXAM_BASHRC } from '../sim/scenarios/exam-base';
import { systemPrograms } from './programs';
import { bootWorld, runScript } from './session';

export const EXAM_USER = EXAM_BASE.user;

/** The candidate's base machine. */
export function bootExamBase(seed = 1): World {
  return bootWorld('exam-base', seed);
}

/** The machine `ssh <host>` lands on: the host world's control plane (its first machine). */
export function controlPlaneOf(world: World) {
  return world.resolveHost('cka01') ?? [...world.machines.values()][0];
}

/**
 * Gives every machine of an exam host the candidate's account (sudo without password, the k alias)
 * and, where the cluster's admin kubeconfig is, a copy in ~/.kube/config.
 */
export async function prepareExamHost(world: World): Promise<void> {
  const bashrc = EXAM_BASHRC.replace(/\n/g, '\\n');
  const script = [
    `id -u ${EXAM_USER} >/dev/null 2>&1 || useradd -m -s /bin/bash -G sudo ${EXAM_USER}`,
    `echo '${EXAM_USER} ALL=(ALL) NOPASSWD:ALL' > /etc/sudoers.d/${EXAM_USER} && chmod 440 /etc/sudoers.d/${EXAM_USER}`,
    `printf '${bashrc}' >> /home/${EXAM_USER}/.bashrc`,
    `if [ -f /etc/kubernetes/admin.conf ]; then mkdir -p /home/${EXAM_USER}/.kube && cp /etc/kubernetes/admin.conf /home/${EXAM_USER}/.kube/config && chown -R ${EXAM_USER}:${EXAM_USER} /home/${EXAM_USER}/.kube; fi`,
  ].join('\n');
  for (const machine of world.machines.values()) {
    const run = await runScript(world, machine.hostname, script);
    if (run.status !== 0) throw new Error(`exam host ${machine.hostname}: ${run.stderr || run.stdout}`);
  }
}

/** Resolves the exam's host names (cka7305…) to their control planes, with each world's programs. */
export function examHostResolver(hosts: Record<string, World>): (name: string) => RemoteHost | undefined {
  const programs = new Map<World, RemoteHost['programs']>();
  return (name) => {
    const world = Object.hasOwn(hosts, name) ? hosts[name] : undefined;
    const machine = world && controlPlaneOf(world);
    if (!world || !machine) return undefined;
    if (!programs.has(world)) programs.set(world, systemPrograms(world));
    return { machine, world, clock: world.clock, programs: programs.get(world)! };
  };
}

/** A session as `candidate@base`, from which `ssh <host>` reaches the exam hosts. */
export function openExamSession(base: World, hosts: Record<string, World>, options: Omit<SessionOptions, 'world' | 'programs' | 'remoteHost' | 'host' | 'user'> = {}): Session {
  return new Session({ ...options, world: base, host: EXAM_BASE.hostname, user: EXAM_USER, programs: systemPrograms(base), remoteHost: examHostResolver(hosts) });
}
