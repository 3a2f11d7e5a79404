/**
 * kube-flannel.yml as flannel publishes it with each release (and on its master branch, which the
 * old coreos/flannel URL still reaches through GitHub's rename redirect).
 */
import { flannelObjects } from '../cluster/addons';
import { manifestText } from './yaml';

/** Releases whose kube-flannel.yml we serve, with the flannel-cni-plugin image each ships. */
const RELEASES: Record<string, string> = {
  'v0.22.3': 'v1.2.0',
  'v0.24.4': 'v1.4.1-flannel1',
  'v0.25.7': 'v1.5.1-flannel2',
  'v0.26.7': 'v1.6.2-flannel1',
  'v0.27.0': 'v1.7.1-flannel1',
  'v0.27.2': 'v1.7.1-flannel1',
};

export const FLANNEL_LATEST = 'v0.27.2';

export function isFlannelRelease(version: string): boolean {
  return version in RELEASES;
}

/** The manifest of a release; its net-conf.json Network is 10.244.0.0/16, as shipped. */
export function flannelManifest(version = FLANNEL_LATEST): string {
  return manifestText(flannelObjects('10.244.0.0/16', { flannel: version, cniPlugin: RELEASES[version] ?? RELEASES[FLANNEL_LATEST] }));
}
