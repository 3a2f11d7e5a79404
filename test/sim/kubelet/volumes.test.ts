/**
 * The kubelet's FailedMount texts for configMap, secret and projected volumes (pkg/volume/configmap, secret, projected).
 * Real events they match:
 * - "MountVolume.SetUp failed for volume \"config-volume\" : configmap references non-existent config key: missing-key"
 *   (find_string id 67628570578; configmap.MakePayload `configmap references non-existent config key: %s`);
 * - "MountVolume.SetUp failed for volume \"creds\" : references non-existent secret key: db-password" (id 71209064621;
 *   secret.MakePayload `references non-existent secret key: %s`);
 * - "MountVolume.SetUp failed for volume \"statuslist-secret\" : secret \"statuslist-secret\" not found" (id 67645618).
 * A projected volume gathers its sources' errors (utilerrors.NewAggregate: one as it is, several as "[a, b]").
 */
import { describe, expect, it } from 'vitest';
import { gvr, type KubeObject } from '../../../src/sim/apiserver';
import { setUpVolumes } from '../../../src/sim/kubelet/volumes';
import { simpleCluster } from '../cluster/helpers';

const podWith = (volumes: unknown[]): KubeObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'nginx' }], volumes } });

describe('configMap, secret and projected volumes', () => {
  const { admin, machines } = simpleCluster();
  admin.create(gvr('configmaps'), 'default', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app' }, data: { 'app.conf': 'x' }, binaryData: { 'logo.png': 'AA==' } });
  admin.create(gvr('secrets'), 'default', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db' }, data: { password: 'cA==' } });
  const mount = (volumes: unknown[]) => setUpVolumes(admin, podWith(volumes), machines[1]);

  it('an item key the ConfigMap or Secret does not hold', () => {
    expect(mount([{ name: 'config-volume', configMap: { name: 'app', items: [{ key: 'missing-key', path: 'k' }] } }])).toBe('MountVolume.SetUp failed for volume "config-volume" : configmap references non-existent config key: missing-key');
    expect(mount([{ name: 'creds', secret: { secretName: 'db', items: [{ key: 'db-password', path: 'p' }] } }])).toBe('MountVolume.SetUp failed for volume "creds" : references non-existent secret key: db-password');
    expect(mount([{ name: 'c', configMap: { name: 'app', items: [{ key: 'app.conf', path: 'a' }, { key: 'logo.png', path: 'l' }] } }])).toBeUndefined();
    expect(mount([{ name: 'c', configMap: { name: 'app', optional: true, items: [{ key: 'missing-key', path: 'k' }] } }])).toBeUndefined();
  });

  it('a missing object, unless optional', () => {
    expect(mount([{ name: 'statuslist-secret', secret: { secretName: 'statuslist-secret' } }])).toBe('MountVolume.SetUp failed for volume "statuslist-secret" : secret "statuslist-secret" not found');
    expect(mount([{ name: 'c', configMap: { name: 'nope', optional: true } }])).toBeUndefined();
  });

  it('a projected volume: every source that fails, aggregated', () => {
    expect(mount([{ name: 'all', projected: { sources: [{ configMap: { name: 'nope' } }] } }])).toBe('MountVolume.SetUp failed for volume "all" : configmap "nope" not found');
    expect(mount([{ name: 'all', projected: { sources: [{ configMap: { name: 'nope' } }, { serviceAccountToken: { path: 'token' } }, { secret: { name: 'db', items: [{ key: 'user', path: 'u' }] } }] } }])).toBe(
      'MountVolume.SetUp failed for volume "all" : [configmap "nope" not found, references non-existent secret key: user]',
    );
    expect(mount([{ name: 'all', projected: { sources: [{ configMap: { name: 'app' } }, { secret: { name: 'db' } }] } }])).toBeUndefined();
  });
});
