/**
 * minikube's words: the version banner, its emoji-led lines and its "Exiting due to …" errors with
 * their exit codes (pkg/minikube/reason/reason.go, exitcodes.go of minikube v1.36.0).
 */
import type { CommandContext } from '../../shell/command';

export const MINIKUBE_VERSION = 'v1.36.0';
export const MINIKUBE_COMMIT = 'f8f52f5de11fc6ad8244afac475e1d0f96841df1-dirty';
export const KIC_BASE_IMAGE = 'v0.0.47';
export const DOCKER_IN_NODE = '28.1.1';
/** containerd.io 1.7.27-1 of kicbase v0.0.47 (hack/kicbase_version/os-package-list.txt), as cruntime parses `containerd --version`. */
export const CONTAINERD_IN_NODE = '1.7.27';
export const API_PORT = 8443;

/** Exit codes (reason/exitcodes.go). */
export const EXIT = {
  usage: 14,
  driverNotFound: 55,
  driverPermission: 57,
  providerNotFound: 65,
  guestNotFound: 85,
  /** `minikube status` of a stopped cluster: host (1) + cluster (2) + kubernetes (4) not running. */
  statusStopped: 7,
} as const;

export function out(ctx: CommandContext, text: string): void {
  ctx.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

export function err(ctx: CommandContext, text: string): void {
  ctx.stderr.write(text.endsWith('\n') ? text : `${text}\n`);
}

/**
 * exit.Message → out.Error → displayText (pkg/minikube/out/out_reason.go): a blank line on stdout
 * (out.Ln), the reason and its advice on stderr (determineOutput → ErrT), a blank line on stdout.
 */
export function exitReason(ctx: CommandContext, icon: string, id: string, message: string, extra: string[] = []): void {
  out(ctx, '');
  err(ctx, `${icon}  Exiting due to ${id}: ${message}`);
  for (const line of extra) err(ctx, line);
  out(ctx, '');
}

/** The message for a profile that does not exist (cmd/minikube/cmd/status.go, exit GUEST_NOT_FOUND). */
export function profileNotFound(ctx: CommandContext, profile: string): number {
  out(ctx, `🤷  Profile "${profile}" not found. Run "minikube profile list" to view all profiles.`);
  out(ctx, `👉  To start a cluster, run: "minikube start${profile === 'minikube' ? '' : ` -p ${profile}`}"`);
  return EXIT.guestNotFound;
}

/** A stopped profile where a running one is needed (minikube ip, dashboard, addons enable). */
export function profileStopped(ctx: CommandContext, profile: string): number {
  out(ctx, `🤷  The control-plane node ${profile} host is not running: state=Stopped`);
  out(ctx, `👉  To start a cluster, run: "minikube start${profile === 'minikube' ? '' : ` -p ${profile}`}"`);
  return 83;
}

export function unknownCommand(ctx: CommandContext, name: string): number {
  err(ctx, `Error: unknown command "${name}" for "minikube"\nRun 'minikube --help' for usage.`);
  return EXIT.usage;
}
