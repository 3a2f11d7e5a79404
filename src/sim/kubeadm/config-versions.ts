/**
 * Which kubeadm configuration API versions a kubeadm release reads, and what it says about the
 * others (cmd/kubeadm/app/util/config/common.go validateSupportedVersion, per release):
 *
 *   1.15–1.21  v1beta2; v1beta1 still read with a deprecation warning (v1beta3/v1beta4 are not in the scheme)
 *   1.22–1.26  v1beta3; v1beta2 still read with a deprecation warning ("v1.22: v1beta2 read-only")
 *   1.27       v1beta3 only; v1beta2 is an old spec ("v1.27: only v1beta3 config")
 *   1.28–1.30  v1beta3; v1beta4 in the scheme but experimental (--allow-experimental-api)
 *   1.31+      v1beta4; v1beta3 read with a deprecation warning
 *
 * The texts changed twice: 1.31 added the kind ("(kind: %q)"), 1.32 replaced old.yaml/new.yaml
 * with old-config-file/new-config-file. The warning's klog source line is the one real kubeadm
 * printed (common.go:77 around v1.17, :83 in v1.24.0, :84 in v1.25/v1.26, :101 from v1.31).
 */
export const V1BETA4 = 'kubeadm.k8s.io/v1beta4';
export const V1BETA3 = 'kubeadm.k8s.io/v1beta3';
export const V1BETA2 = 'kubeadm.k8s.io/v1beta2';
export const V1BETA1 = 'kubeadm.k8s.io/v1beta1';

/** How a release treats an API version it knows. */
export type ApiSupport = 'current' | 'deprecated' | 'experimental';

export interface ConfigApiRelease {
  /** The kubeadm API versions in the scheme and their standing. */
  apis: Record<string, ApiSupport>;
  /** API versions that are gone, with the kubeadm release to migrate them with. */
  old: Record<string, string>;
  /** The version `config migrate` writes (with --allow-experimental-api: `experimentalTarget`). */
  target: string;
  experimentalTarget?: string;
  /** The klog source of the deprecation warning. */
  warningSource: string;
  /** 1.31+: the messages name the kind. */
  namesKind: boolean;
  /** 1.32+: old-config-file/new-config-file instead of old.yaml/new.yaml. */
  configFileWords: boolean;
}

const OLD_BEFORE_1_22: Record<string, string> = {
  'kubeadm.k8s.io/v1alpha1': 'v1.11',
  'kubeadm.k8s.io/v1alpha2': 'v1.12',
  'kubeadm.k8s.io/v1alpha3': 'v1.14',
};
const OLD_FROM_1_22: Record<string, string> = { ...OLD_BEFORE_1_22, [V1BETA1]: 'v1.15' };
const OLD_FROM_1_27: Record<string, string> = { ...OLD_FROM_1_22, [V1BETA2]: 'v1.22' };

/** The configuration APIs of kubeadm 1.<minor> (undefined: the newest release). */
export function configApiRelease(minor: number | undefined): ConfigApiRelease {
  const m = minor ?? Number.MAX_SAFE_INTEGER;
  const texts = { namesKind: m >= 31, configFileWords: m >= 32 };
  if (m <= 21) return { apis: { [V1BETA2]: 'current', [V1BETA1]: 'deprecated' }, old: OLD_BEFORE_1_22, target: V1BETA2, warningSource: 'common.go:77', ...texts };
  if (m <= 26) return { apis: { [V1BETA3]: 'current', [V1BETA2]: 'deprecated' }, old: OLD_FROM_1_22, target: V1BETA3, warningSource: m <= 24 ? 'common.go:83' : 'common.go:84', ...texts };
  if (m === 27) return { apis: { [V1BETA3]: 'current' }, old: OLD_FROM_1_27, target: V1BETA3, warningSource: 'common.go:84', ...texts };
  if (m <= 30) return { apis: { [V1BETA3]: 'current', [V1BETA4]: 'experimental' }, old: OLD_FROM_1_27, target: V1BETA3, experimentalTarget: V1BETA4, warningSource: 'common.go:84', ...texts };
  return { apis: { [V1BETA4]: 'current', [V1BETA3]: 'deprecated' }, old: OLD_FROM_1_27, target: V1BETA4, warningSource: 'common.go:101', ...texts };
}

function kindPart(release: ConfigApiRelease, kind: string): string {
  return release.namesKind ? ` (kind: "${kind}")` : '';
}

function migrateHint(release: ConfigApiRelease): string {
  return release.configFileWords ? "'kubeadm config migrate --old-config old-config-file --new-config new-config-file'" : "'kubeadm config migrate --old-config old.yaml --new-config new.yaml'";
}

/** The error for an API version this release no longer reads. */
export function oldApiError(release: ConfigApiRelease, apiVersion: string, kind: string): string {
  return `your configuration file uses an old API spec: "${apiVersion}"${kindPart(release, kind)}. Please use kubeadm ${release.old[apiVersion]} instead and run ${migrateHint(release)}, which will write the new, similar spec using a newer API version.`;
}

/** The klog warning for a deprecated API version (not printed by validate and migrate). */
export function deprecatedApiWarning(release: ConfigApiRelease, apiVersion: string, kind: string): string {
  return `your configuration file uses a deprecated API spec: "${apiVersion}"${kindPart(release, kind)}. Please use ${migrateHint(release)}, which will write the new, similar spec using a newer API version.`;
}

/** The error for an experimental API version used without --allow-experimental-api. */
export function experimentalApiError(release: ConfigApiRelease, apiVersion: string, kind: string): string {
  return `experimental API spec: "${apiVersion}"${kindPart(release, kind)} is not allowed. You can use the --allow-experimental-api flag if the command supports it.`;
}

/** The decoder's error for a kubeadm API version this release's scheme has never heard of. */
export function notRegisteredError(apiVersion: string, kind: string): string {
  return `no kind "${kind}" is registered for version "${apiVersion}" in scheme "k8s.io/kubernetes/cmd/kubeadm/app/apis/kubeadm/scheme/scheme.go:31"`;
}
