/**
 * The API server's internal types (kubernetes v1.33.0 pkg/apis/core/types.go) that
 * ValidatePersistentVolumeClaimUpdate and ValidatePersistentVolumeUpdate hand to cmp.Diff: fields
 * in the internal structs' order, with their v1 JSON keys to read our stored objects. Volume
 * sources the simulator does not offer are empty structs: they only ever print as nil.
 */
import type { GoField, GoType } from '../../go-cmp';
import { BOOL, STRING } from '../../go-cmp/types';
import { QUANTITY } from './internal-quantity';

const named = (name: string): GoType => ({ kind: 'string', name });
const ptr = (elem: GoType): GoType => ({ kind: 'ptr', name: '', elem });
const slice = (elem: GoType, name = ''): GoType => ({ kind: 'slice', name, elem });
const struct = (name: string, fields: [string, GoType, string?][]): GoType => ({
  kind: 'struct',
  name,
  fields: fields.map(([n, type, json]): GoField => ({ name: n, type, json: json ?? n[0].toLowerCase() + n.slice(1) })),
});

/** core.ResourceName has a String method: go-cmp prints such map keys as s"storage". */
const RESOURCE_NAME: GoType = { kind: 'string', name: 'core.ResourceName', stringer: true };
const RESOURCE_LIST: GoType = { kind: 'map', name: 'core.ResourceList', key: RESOURCE_NAME, elem: QUANTITY };
const STRING_MAP: GoType = { kind: 'map', name: '', key: STRING, elem: STRING };

const LABEL_SELECTOR = struct('v1.LabelSelector', [
  ['MatchLabels', STRING_MAP],
  [
    'MatchExpressions',
    slice(
      struct('v1.LabelSelectorRequirement', [
        ['Key', STRING],
        ['Operator', named('v1.LabelSelectorOperator')],
        ['Values', slice(STRING)],
      ]),
    ),
  ],
]);

export const PVC_SPEC = struct('core.PersistentVolumeClaimSpec', [
  ['AccessModes', slice(named('core.PersistentVolumeAccessMode'))],
  ['Selector', ptr(LABEL_SELECTOR)],
  [
    'Resources',
    struct('core.VolumeResourceRequirements', [
      ['Limits', RESOURCE_LIST],
      ['Requests', RESOURCE_LIST],
    ]),
  ],
  ['VolumeName', STRING],
  ['StorageClassName', ptr(STRING)],
  ['VolumeMode', ptr(named('core.PersistentVolumeMode'))],
  [
    'DataSource',
    ptr(
      struct('core.TypedLocalObjectReference', [
        ['APIGroup', ptr(STRING), 'apiGroup'],
        ['Kind', STRING],
        ['Name', STRING],
      ]),
    ),
  ],
  [
    'DataSourceRef',
    ptr(
      struct('core.TypedObjectReference', [
        ['APIGroup', ptr(STRING), 'apiGroup'],
        ['Kind', STRING],
        ['Name', STRING],
        ['Namespace', ptr(STRING)],
      ]),
    ),
  ],
  ['VolumeAttributesClassName', ptr(STRING)],
]);

const SECRET_REF = ptr(
  struct('core.SecretReference', [
    ['Name', STRING],
    ['Namespace', STRING],
  ]),
);

export const PV_SOURCE = struct('core.PersistentVolumeSource', [
  ['GCEPersistentDisk', ptr(struct('core.GCEPersistentDiskVolumeSource', [])), 'gcePersistentDisk'],
  ['AWSElasticBlockStore', ptr(struct('core.AWSElasticBlockStoreVolumeSource', [])), 'awsElasticBlockStore'],
  [
    'HostPath',
    ptr(
      struct('core.HostPathVolumeSource', [
        ['Path', STRING],
        ['Type', ptr(named('core.HostPathType'))],
      ]),
    ),
  ],
  ['Glusterfs', ptr(struct('core.GlusterfsPersistentVolumeSource', [])), 'glusterfs'],
  [
    'NFS',
    ptr(
      struct('core.NFSVolumeSource', [
        ['Server', STRING],
        ['Path', STRING],
        ['ReadOnly', BOOL],
      ]),
    ),
    'nfs',
  ],
  ['RBD', ptr(struct('core.RBDPersistentVolumeSource', [])), 'rbd'],
  ['Quobyte', ptr(struct('core.QuobyteVolumeSource', [])), 'quobyte'],
  ['ISCSI', ptr(struct('core.ISCSIPersistentVolumeSource', [])), 'iscsi'],
  ['FlexVolume', ptr(struct('core.FlexPersistentVolumeSource', [])), 'flexVolume'],
  ['Cinder', ptr(struct('core.CinderPersistentVolumeSource', [])), 'cinder'],
  ['CephFS', ptr(struct('core.CephFSPersistentVolumeSource', [])), 'cephfs'],
  ['FC', ptr(struct('core.FCVolumeSource', [])), 'fc'],
  ['Flocker', ptr(struct('core.FlockerVolumeSource', [])), 'flocker'],
  ['AzureFile', ptr(struct('core.AzureFilePersistentVolumeSource', [])), 'azureFile'],
  ['VsphereVolume', ptr(struct('core.VsphereVirtualDiskVolumeSource', [])), 'vsphereVolume'],
  ['AzureDisk', ptr(struct('core.AzureDiskVolumeSource', [])), 'azureDisk'],
  ['PhotonPersistentDisk', ptr(struct('core.PhotonPersistentDiskVolumeSource', [])), 'photonPersistentDisk'],
  ['PortworxVolume', ptr(struct('core.PortworxVolumeSource', [])), 'portworxVolume'],
  ['ScaleIO', ptr(struct('core.ScaleIOPersistentVolumeSource', [])), 'scaleIO'],
  [
    'Local',
    ptr(
      struct('core.LocalVolumeSource', [
        ['Path', STRING],
        ['FSType', ptr(STRING), 'fsType'],
      ]),
    ),
  ],
  ['StorageOS', ptr(struct('core.StorageOSPersistentVolumeSource', [])), 'storageos'],
  [
    'CSI',
    ptr(
      struct('core.CSIPersistentVolumeSource', [
        ['Driver', STRING],
        ['VolumeHandle', STRING],
        ['ReadOnly', BOOL],
        ['FSType', STRING, 'fsType'],
        ['VolumeAttributes', STRING_MAP],
        ['ControllerPublishSecretRef', SECRET_REF],
        ['NodeStageSecretRef', SECRET_REF],
        ['NodePublishSecretRef', SECRET_REF],
        ['ControllerExpandSecretRef', SECRET_REF],
        ['NodeExpandSecretRef', SECRET_REF],
      ]),
    ),
    'csi',
  ],
]);
