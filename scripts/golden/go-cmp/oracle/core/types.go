// Package core stands in for k8s.io/kubernetes/pkg/apis/core at v1.33.0: the internal types whose
// go-cmp diff the PersistentVolumeClaim and PersistentVolume update validation prints, with their
// fields in the internal structs' order (json tags only to read the cases, which are v1 JSON).
// Volume sources the simulator does not offer are empty structs: they only ever print as nil.
package core

import (
	"ckalab.local/gocmp-oracle/resource"
	v1 "ckalab.local/gocmp-oracle/v1"
)

type ResourceName string

// String makes ResourceName a fmt.Stringer, as pkg/apis/core/resource.go does: go-cmp prints
// such map keys as s"storage".
func (rn ResourceName) String() string { return string(rn) }

type ResourceList map[ResourceName]resource.Quantity
type PersistentVolumeAccessMode string
type PersistentVolumeMode string
type HostPathType string

type VolumeResourceRequirements struct {
	Limits   ResourceList `json:"limits,omitempty"`
	Requests ResourceList `json:"requests,omitempty"`
}

type TypedLocalObjectReference struct {
	APIGroup *string `json:"apiGroup"`
	Kind     string  `json:"kind"`
	Name     string  `json:"name"`
}

type TypedObjectReference struct {
	APIGroup  *string `json:"apiGroup"`
	Kind      string  `json:"kind"`
	Name      string  `json:"name"`
	Namespace *string `json:"namespace,omitempty"`
}

type PersistentVolumeClaimSpec struct {
	AccessModes               []PersistentVolumeAccessMode `json:"accessModes,omitempty"`
	Selector                  *v1.LabelSelector            `json:"selector,omitempty"`
	Resources                 VolumeResourceRequirements   `json:"resources,omitempty"`
	VolumeName                string                       `json:"volumeName,omitempty"`
	StorageClassName          *string                      `json:"storageClassName,omitempty"`
	VolumeMode                *PersistentVolumeMode        `json:"volumeMode,omitempty"`
	DataSource                *TypedLocalObjectReference   `json:"dataSource,omitempty"`
	DataSourceRef             *TypedObjectReference        `json:"dataSourceRef,omitempty"`
	VolumeAttributesClassName *string                      `json:"volumeAttributesClassName,omitempty"`
}

type HostPathVolumeSource struct {
	Path string        `json:"path"`
	Type *HostPathType `json:"type,omitempty"`
}

type NFSVolumeSource struct {
	Server   string `json:"server"`
	Path     string `json:"path"`
	ReadOnly bool   `json:"readOnly,omitempty"`
}

type LocalVolumeSource struct {
	Path   string  `json:"path"`
	FSType *string `json:"fsType,omitempty"`
}

type SecretReference struct {
	Name      string `json:"name,omitempty"`
	Namespace string `json:"namespace,omitempty"`
}

type CSIPersistentVolumeSource struct {
	Driver                     string            `json:"driver"`
	VolumeHandle               string            `json:"volumeHandle"`
	ReadOnly                   bool              `json:"readOnly,omitempty"`
	FSType                     string            `json:"fsType,omitempty"`
	VolumeAttributes           map[string]string `json:"volumeAttributes,omitempty"`
	ControllerPublishSecretRef *SecretReference  `json:"controllerPublishSecretRef,omitempty"`
	NodeStageSecretRef         *SecretReference  `json:"nodeStageSecretRef,omitempty"`
	NodePublishSecretRef       *SecretReference  `json:"nodePublishSecretRef,omitempty"`
	ControllerExpandSecretRef  *SecretReference  `json:"controllerExpandSecretRef,omitempty"`
	NodeExpandSecretRef        *SecretReference  `json:"nodeExpandSecretRef,omitempty"`
}

type GCEPersistentDiskVolumeSource struct{}
type AWSElasticBlockStoreVolumeSource struct{}
type GlusterfsPersistentVolumeSource struct{}
type RBDPersistentVolumeSource struct{}
type QuobyteVolumeSource struct{}
type ISCSIPersistentVolumeSource struct{}
type FlexPersistentVolumeSource struct{}
type CinderPersistentVolumeSource struct{}
type CephFSPersistentVolumeSource struct{}
type FCVolumeSource struct{}
type FlockerVolumeSource struct{}
type AzureFilePersistentVolumeSource struct{}
type VsphereVirtualDiskVolumeSource struct{}
type AzureDiskVolumeSource struct{}
type PhotonPersistentDiskVolumeSource struct{}
type PortworxVolumeSource struct{}
type ScaleIOPersistentVolumeSource struct{}
type StorageOSPersistentVolumeSource struct{}

type PersistentVolumeSource struct {
	GCEPersistentDisk    *GCEPersistentDiskVolumeSource    `json:"gcePersistentDisk,omitempty"`
	AWSElasticBlockStore *AWSElasticBlockStoreVolumeSource `json:"awsElasticBlockStore,omitempty"`
	HostPath             *HostPathVolumeSource             `json:"hostPath,omitempty"`
	Glusterfs            *GlusterfsPersistentVolumeSource  `json:"glusterfs,omitempty"`
	NFS                  *NFSVolumeSource                  `json:"nfs,omitempty"`
	RBD                  *RBDPersistentVolumeSource        `json:"rbd,omitempty"`
	Quobyte              *QuobyteVolumeSource              `json:"quobyte,omitempty"`
	ISCSI                *ISCSIPersistentVolumeSource      `json:"iscsi,omitempty"`
	FlexVolume           *FlexPersistentVolumeSource       `json:"flexVolume,omitempty"`
	Cinder               *CinderPersistentVolumeSource     `json:"cinder,omitempty"`
	CephFS               *CephFSPersistentVolumeSource     `json:"cephfs,omitempty"`
	FC                   *FCVolumeSource                   `json:"fc,omitempty"`
	Flocker              *FlockerVolumeSource              `json:"flocker,omitempty"`
	AzureFile            *AzureFilePersistentVolumeSource  `json:"azureFile,omitempty"`
	VsphereVolume        *VsphereVirtualDiskVolumeSource   `json:"vsphereVolume,omitempty"`
	AzureDisk            *AzureDiskVolumeSource            `json:"azureDisk,omitempty"`
	PhotonPersistentDisk *PhotonPersistentDiskVolumeSource `json:"photonPersistentDisk,omitempty"`
	PortworxVolume       *PortworxVolumeSource             `json:"portworxVolume,omitempty"`
	ScaleIO              *ScaleIOPersistentVolumeSource    `json:"scaleIO,omitempty"`
	Local                *LocalVolumeSource                `json:"local,omitempty"`
	StorageOS            *StorageOSPersistentVolumeSource  `json:"storageos,omitempty"`
	CSI                  *CSIPersistentVolumeSource        `json:"csi,omitempty"`
}
