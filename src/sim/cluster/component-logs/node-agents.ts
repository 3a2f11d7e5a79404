/**
 * The node agents the cluster runs as Pods, as they run normally: kube-proxy prints its start-up
 * lines, derived from the configuration it reads when it starts.
 */
import type { Narrator } from './index';
import { KUBE_PROXY_NARRATOR } from './kube-proxy';

export const NODE_AGENT_NARRATORS: readonly Narrator[] = [KUBE_PROXY_NARRATOR];
