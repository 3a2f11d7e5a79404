import type { Program } from '../command';

/** Always succeeds; ignores its arguments like GNU true. */
export const trueProgram: Program = async () => 0;
/** Always fails with status 1. */
export const falseProgram: Program = async () => 1;
