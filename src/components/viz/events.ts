/**
 * Page events between the architecture view and the terminal (which holds the world in its worker):
 *
 * - `cka:viz-open` / `cka:viz-close`  view → terminal. Start / stop streaming the simulator's trace
 *   (nothing is traced while the view is closed: it costs nothing hidden).
 * - `cka:viz-steps`  terminal → view. detail: { steps: DiagramStep[]; nodes: NodeState[] }.
 */
import type { DiagramStep } from '../../viz/steps';

export const VIZ_OPEN_EVENT = 'cka:viz-open';
export const VIZ_CLOSE_EVENT = 'cka:viz-close';
export const VIZ_STEPS_EVENT = 'cka:viz-steps';

export interface NodeState {
  name: string;
  ready: boolean;
}

export interface VizStepsDetail {
  steps: DiagramStep[];
  nodes: NodeState[];
  /** False when the API server does not answer: every arrow is cut. */
  apiUp: boolean;
}
