/**
 * The state of the architecture view, apart from any drawing: the steps received (a bounded log),
 * which are still to be shown (pause / step / replay), the nodes seen, and the speed. Pure, so
 * that what the view shows is testable without a browser.
 */
import type { DiagramStep, FoldedStep } from './steps';
import { foldSteps } from './steps';

export interface ViewState {
  /** Every step received, oldest first, at most `limit`. */
  log: FoldedStep[];
  /** Steps waiting to be animated. */
  queue: FoldedStep[];
  /** The step being shown now. */
  current?: FoldedStep;
  paused: boolean;
  /** 0.25 … 4: how long each step stays on screen relative to the default. */
  speed: number;
  nodes: string[];
  limit: number;
}

export function initialView(nodes: string[] = [], limit = 400): ViewState {
  return { log: [], queue: [], paused: false, speed: 1, nodes: [...nodes], limit };
}

/** New steps from the simulator: folded (a burst of similar calls becomes one step with a count). */
export function absorb(state: ViewState, steps: DiagramStep[]): ViewState {
  if (!steps.length) return state;
  const folded = foldSteps(steps);
  const nodes = new Set(state.nodes);
  for (const s of folded) {
    for (const end of [s.from, s.to]) {
      const node = /^(?:kubelet|runtime):(.+)$/.exec(end);
      if (node) nodes.add(node[1]);
    }
  }
  const log = [...state.log, ...folded].slice(-state.limit);
  // The queue is bounded too: when the learner falls far behind, older steps are skipped, not the new.
  const queue = [...state.queue, ...folded].slice(-state.limit);
  return { ...state, log, queue, nodes: [...nodes].sort() };
}

/** Advance to the next step (the animation timer, or the "step" button while paused). */
export function next(state: ViewState): ViewState {
  if (!state.queue.length) return { ...state, current: undefined };
  const [current, ...queue] = state.queue;
  return { ...state, current, queue };
}

/** Replay the last user request: every step from the last kubectl request onwards. */
export function replayLast(state: ViewState): ViewState {
  let start = -1;
  for (let i = state.log.length - 1; i >= 0; i--) {
    if (state.log[i].from === 'kubectl') {
      start = i;
      break;
    }
  }
  if (start < 0) return state;
  return { ...state, queue: state.log.slice(start), current: undefined };
}

export function setPaused(state: ViewState, paused: boolean): ViewState {
  return { ...state, paused };
}

export function setSpeed(state: ViewState, speed: number): ViewState {
  return { ...state, speed: Math.min(4, Math.max(0.25, speed)) };
}

/**
 * Milliseconds a step stays on screen at the current speed. With a backlog (a rollout makes
 * hundreds of calls) the view hurries, so that it never lags far behind the cluster.
 */
export function dwellMs(state: ViewState): number {
  const base = 700 / state.speed;
  const backlog = state.queue.length;
  return Math.round(backlog > 10 ? Math.max(60 / state.speed, (base * 10) / backlog) : base);
}
