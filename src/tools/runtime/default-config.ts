/** `containerd config default` of containerd 1.7 (the text lives with the package model, which the cluster scenario also writes). */
export { CONTAINERD_DEFAULT_CONFIG } from '../../sim/packages/containerd-default-config';
