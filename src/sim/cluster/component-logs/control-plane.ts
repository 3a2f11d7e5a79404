/**
 * The control plane's static pods as they run normally: etcd, kube-apiserver,
 * kube-controller-manager and kube-scheduler print their start-up lines (one file each).
 */
import type { Narrator } from './index';
import { ETCD_NARRATOR } from './etcd';
import { KUBE_APISERVER_NARRATOR } from './kube-apiserver';
import { KUBE_SCHEDULER_NARRATOR } from './kube-scheduler';
import { KUBE_CONTROLLER_MANAGER_NARRATOR } from './kube-controller-manager';

export const CONTROL_PLANE_NARRATORS: readonly Narrator[] = [ETCD_NARRATOR, KUBE_APISERVER_NARRATOR, KUBE_CONTROLLER_MANAGER_NARRATOR, KUBE_SCHEDULER_NARRATOR];
