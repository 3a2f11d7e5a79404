/**
 * `exam-base`: the machine a CKA candidate starts on (2025 exam format). One Ubuntu machine, `base`,
 * user `candidate` with password-less sudo, kubectl and the usual tools but no kubeconfig: every
 * question is solved on a host reached with `ssh <host>` (src/runtime/exam-session.ts).
 */
import { Machine } from '../machine/machine';
import { UBUNTU_BASE_PROGRAMS } from '../machine/image';
import type { World, WorldOptions } from '../world';

export const EXAM_BASE = { hostname: 'base', ip: '192.168.6.100', user: 'candidate' } as const;

/** What the exam environment adds to a stock server (when the program table has them). */
const EXAM_TOOLS = ['kubectl', 'yq', 'helm', 'tmux'];

/** The candidate's ~/.bashrc additions: the `k` alias with kubectl's completion, as on the exam. */
export const EXAM_BASHRC = `
# CKA exam environment
alias k=kubectl
complete -o default -F __start_kubectl k
export do="--dry-run=client -o yaml"
`;

export function buildExamBase(world: World, options: WorldOptions): void {
  const wanted = [...UBUNTU_BASE_PROGRAMS, ...EXAM_TOOLS];
  const available = options.programs ? new Set(options.programs) : undefined;
  const programs = available ? wanted.filter((p) => available.has(p)) : wanted;
  const machine = Machine.ubuntu(
    { hostname: EXAM_BASE.hostname, ip: EXAM_BASE.ip, cpus: 2, memoryMiB: 2048, users: [{ name: EXAM_BASE.user, uid: 1000, sudo: true }], programs },
    () => world.clock.now(),
  );
  const bashrc = `/home/${EXAM_BASE.user}/.bashrc`;
  machine.rootFs.writeFile(bashrc, machine.rootFs.readFile(bashrc) + EXAM_BASHRC);
  world.addMachine(machine);
}
