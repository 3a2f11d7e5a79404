/**
 * The node agents the cluster runs as Pods, as they run normally: kube-proxy and flanneld print
 * their start-up lines (one file each), derived from the configuration they read when they start.
 */
import type { Narrator } from './index';
import { KUBE_PROXY_NARRATOR } from './kube-proxy';
import { FLANNELD_NARRATOR } from './flanneld';

export const NODE_AGENT_NARRATORS: readonly Narrator[] = [KUBE_PROXY_NARRATOR, FLANNELD_NARRATOR];
