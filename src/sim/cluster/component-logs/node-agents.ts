import type { Narrator } from './index';

export const NODE_AGENT_NARRATORS: readonly Narrator[] = [];
