#!/bin/sh
# Copies the real protobuf encodings (and their JSON) of the kinds the simulated cluster stores
# from k8s.io/api's round-trip test data (testdata/HEAD, written by the real gogo marshal code)
# into test/sim/etcd/protobuf-golden/, for the byte-exact tests of the storage codec (one kind
# with a pod template is enough: the others repeat its 55 kB).
#
#   sh scripts/etcd/protobuf-golden.sh /work/.mirror/kubernetes+api/repo v0.33.9
set -e
repo=$1
tag=$2
out=test/sim/etcd/protobuf-golden
mkdir -p "$out"
for kind in core.v1.Pod core.v1.Secret core.v1.ConfigMap core.v1.Service core.v1.Node core.v1.Namespace \
  core.v1.ServiceAccount core.v1.Endpoints core.v1.Event core.v1.PersistentVolume core.v1.PersistentVolumeClaim \
  apps.v1.Deployment apps.v1.ControllerRevision \
  coordination.k8s.io.v1.Lease discovery.k8s.io.v1.EndpointSlice \
  rbac.authorization.k8s.io.v1.ClusterRole rbac.authorization.k8s.io.v1.RoleBinding \
  networking.k8s.io.v1.NetworkPolicy networking.k8s.io.v1.Ingress events.k8s.io.v1.Event \
  storage.k8s.io.v1.StorageClass certificates.k8s.io.v1.CertificateSigningRequest \
  autoscaling.v2.HorizontalPodAutoscaler scheduling.k8s.io.v1.PriorityClass policy.v1.PodDisruptionBudget; do
  for ext in json pb; do
    git --git-dir "$repo" show "$tag:testdata/HEAD/$kind.$ext" > "$out/$kind.$ext"
  done
done
echo "$tag" > "$out/TAG"
