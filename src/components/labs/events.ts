/**
 * Page events between the lab panel and the terminal (both on `window`), so that neither imports
 * the other: the panel asks, the terminal (which holds the world in its worker) answers.
 *
 * - `cka:lab-check`  panel → terminal. detail: { lab }. Grade the lab's checks against the world.
 * - `cka:lab-result` terminal → panel. detail: { lab, result: LabResult, nowMs } or { lab, error }.
 * - `cka:lab-start`  panel → terminal. detail: { lab }. Switch the terminal to the lab's starting world.
 * - `cka:lab-reset`  panel → terminal. detail: { lab }. Rebuild the lab's starting world.
 *
 * A started lab is remembered (localStorage `cka-lab:started:<lab>`); before the terminal loads, the
 * panel marks the terminal element (`data-lab`) so that it boots into the lab's world after a reload.
 */
import type { LabResult } from '../../labs/grader';

export const LAB_CHECK_EVENT = 'cka:lab-check';
export const LAB_RESULT_EVENT = 'cka:lab-result';
export const LAB_RESET_EVENT = 'cka:lab-reset';
export const LAB_START_EVENT = 'cka:lab-start';

export const startedKey = (lab: string) => `cka-lab:started:${lab}`;

export interface LabCheckDetail {
  lab: string;
}

export type LabResultDetail = { lab: string; result: LabResult; nowMs: number } | { lab: string; error: string };
