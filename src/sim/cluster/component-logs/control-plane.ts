import type { Narrator } from './index';

export const CONTROL_PLANE_NARRATORS: readonly Narrator[] = [];
