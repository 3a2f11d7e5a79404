/**
 * Non-resource endpoints: /version, /healthz, /livez, /readyz (with ?verbose), authorized by
 * RBAC like the real ones (system:public-info-viewer lets everyone read them).
 */
import { errors, fail, ok } from './errors';
import type { ApiResponse, UserInfo, VersionInfo } from './types';
import { releaseBuild } from '../releases';

/** The checks /readyz?verbose lists on a v1.33 kube-apiserver (a representative subset). */
const READYZ_CHECKS = [
  'ping', 'log', 'etcd', 'etcd-readiness', 'informer-sync', 'poststarthook/start-apiserver-admission-initializer',
  'poststarthook/generic-apiserver-start-informers', 'poststarthook/priority-and-fairness-config-consumer',
  'poststarthook/priority-and-fairness-filter', 'poststarthook/storage-object-count-tracker-hook',
  'poststarthook/start-apiextensions-informers', 'poststarthook/start-apiextensions-controllers',
  'poststarthook/crd-informer-synced', 'poststarthook/start-system-namespaces-controller',
  'poststarthook/bootstrap-controller', 'poststarthook/rbac/bootstrap-roles',
  'poststarthook/scheduling/bootstrap-system-priority-classes', 'poststarthook/priority-and-fairness-config-producer',
  'poststarthook/start-cluster-authentication-info-controller', 'poststarthook/aggregator-reload-proxy-client-cert',
  'poststarthook/start-kube-aggregator-informers', 'poststarthook/apiservice-registration-controller',
  'poststarthook/apiservice-status-available-controller', 'poststarthook/kube-apiserver-autoregistration',
  'autoregister-completion', 'poststarthook/apiservice-openapi-controller', 'shutdown',
];

export function versionInfo(gitVersion: string): VersionInfo {
  const m = gitVersion.match(/^v(\d+)\.(\d+)/);
  const major = m?.[1] ?? '1';
  const minor = m?.[2] ?? '33';
  const build = releaseBuild(gitVersion);
  return {
    major,
    minor,
    emulationMajor: major,
    emulationMinor: minor,
    minCompatibilityMajor: major,
    minCompatibilityMinor: String(Number(minor) - 1),
    gitVersion,
    gitCommit: build.gitCommit,
    gitTreeState: 'clean',
    buildDate: build.buildDate,
    goVersion: build.goVersion,
    compiler: 'gc',
    platform: 'linux/amd64',
  };
}

export function nonResource(
  path: string,
  version: VersionInfo,
  allowed: (path: string) => boolean,
  user: UserInfo,
): ApiResponse<unknown> {
  const [p, query = ''] = path.split('?');
  if (!allowed(p)) {
    const s = errors.forbidden('', '', `forbidden: User "${user.username}" cannot get path "${p}"`);
    delete s.details;
    return fail(s);
  }
  if (p === '/version' || p === '/version/') return ok(version);
  const health = p.match(/^\/(healthz|livez|readyz)$/);
  if (health) {
    if (!query.includes('verbose')) return ok('ok');
    const checks = health[1] === 'readyz' ? READYZ_CHECKS : READYZ_CHECKS.filter((c) => c !== 'informer-sync' && c !== 'etcd-readiness' && c !== 'shutdown');
    return ok(`${checks.map((c) => `[+]${c} ok`).join('\n')}\n${health[1]} check passed\n`);
  }
  return fail(errors.notServed());
}
