/**
 * VolumeAttributesClass is beta and off by default in v1.33: the claim and volume strategies drop
 * spec.volumeAttributesClassName (pkg/api/persistentvolumeclaim/util.go DropDisabledFields,
 * pkg/api/persistentvolume/util.go DropDisabledSpecFields) unless the stored object has it already.
 */
import { describe, expect, it } from 'vitest';
import { gvr } from '../../../src/sim/apiserver';
import { resourceFor } from '../../../src/sim/apiserver/client';
import { dropDisabledFields } from '../../../src/sim/apiserver/defaults/disabled-fields';
import type { KubeObject } from '../../../src/sim/apiserver/types';
import { newServer } from './helpers';

const PVCS = gvr('persistentvolumeclaims');
const PVS = gvr('persistentvolumes');

const claim = (extra: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'c1' },
  spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, ...extra },
});

describe('volumeAttributesClassName with its feature gate off', () => {
  it('is dropped from a claim on create, and the create succeeds', () => {
    const { client } = newServer();
    const r = client.create(PVCS, 'default', claim({ volumeAttributesClassName: 'gold' }));
    expect(r.code).toBe(201);
    const stored = client.get(PVCS, 'default', 'c1').body as KubeObject;
    expect(stored.spec).not.toHaveProperty('volumeAttributesClassName');
    expect((stored.spec as Record<string, unknown>).accessModes).toEqual(['ReadWriteOnce']);
  });

  it('is dropped from an update or a patch of a claim that does not have it: nothing changes', () => {
    const { client } = newServer();
    client.create(PVCS, 'default', claim());
    const before = client.get(PVCS, 'default', 'c1').body as KubeObject;
    const r = client.patch(PVCS, 'default', 'c1', { spec: { volumeAttributesClassName: 'silver' } }, 'application/merge-patch+json');
    expect(r.code).toBe(200);
    const after = client.get(PVCS, 'default', 'c1').body as KubeObject;
    expect(after.spec).not.toHaveProperty('volumeAttributesClassName');
    expect(after.metadata!.resourceVersion).toBe(before.metadata!.resourceVersion);
  });

  it('is dropped from a volume on create', () => {
    const { client } = newServer();
    const r = client.create(PVS, '', {
      apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'pv1' },
      spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], hostPath: { path: '/data' }, volumeAttributesClassName: 'gold' },
    });
    expect(r.code).toBe(201);
    expect((client.get(PVS, '', 'pv1').body as KubeObject).spec).not.toHaveProperty('volumeAttributesClassName');
  });

  it('stays where the stored object has it (volumeAttributesClassInUse), and other kinds are left alone', () => {
    const info = resourceFor('persistentvolumeclaims')!;
    const next = claim({ volumeAttributesClassName: 'silver' });
    dropDisabledFields(info, next, claim({ volumeAttributesClassName: 'gold' }));
    expect((next.spec as Record<string, unknown>).volumeAttributesClassName).toBe('silver');
    dropDisabledFields(info, next, claim());
    expect(next.spec).not.toHaveProperty('volumeAttributesClassName');
    const pod = { apiVersion: 'v1', kind: 'Pod', spec: { volumeAttributesClassName: 'x' } } as KubeObject;
    dropDisabledFields(resourceFor('pods')!, pod);
    expect((pod.spec as Record<string, unknown>).volumeAttributesClassName).toBe('x');
  });
});
