/**
 * Page events between the architecture view and the terminal (which holds the world in its worker):
 *
 * - `cka:viz-open` / `cka:viz-close`  view → terminal. Start / stop streaming the simulator's trace
 *   (nothing is traced while the view is closed: it costs nothing hidden).
 * - `cka:viz-steps`  terminal → view. detail: { steps: DiagramStep[]; nodes: NodeState[] }.
 * - `cka:viz-detail-request`  view → terminal. detail: { id, query }: the object behind a step.
 * - `cka:viz-detail`  terminal → view. detail: { id, detail }: that object as etcd held it.
 */
import type { DiagramStep } from '../../viz/steps';
import type { DetailQuery, ObjectDetail } from '../../viz/detail';

export const VIZ_OPEN_EVENT = 'cka:viz-open';
export const VIZ_CLOSE_EVENT = 'cka:viz-close';
export const VIZ_STEPS_EVENT = 'cka:viz-steps';
export const VIZ_DETAIL_REQUEST_EVENT = 'cka:viz-detail-request';
export const VIZ_DETAIL_EVENT = 'cka:viz-detail';

export interface VizDetailRequest {
  id: number;
  query: DetailQuery;
}

export interface VizDetailAnswer {
  id: number;
  detail: ObjectDetail;
}

export interface NodeState {
  name: string;
  ready: boolean;
  /** Pods running on the node (its ready sandboxes): the diagram shows a count, never one box per pod. */
  pods?: number;
}

export interface VizStepsDetail {
  steps: DiagramStep[];
  nodes: NodeState[];
  /** False when the API server does not answer: every arrow is cut. */
  apiUp: boolean;
}
