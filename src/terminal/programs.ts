/**
 * The terminal's own programs, for the shell's program table: full-screen editors that need the
 * tty. `vi` is Vim as on Ubuntu (vim-tiny's vi is Vim too).
 */
import type { Program } from '../shell/command';
import { nanoProgram } from './fullscreen/nano/program';
import { vimProgram } from './fullscreen/vim/program';

export const vim: Program = vimProgram;
export const vi: Program = vimProgram;
export const nano: Program = nanoProgram;

export const terminalPrograms: Record<string, Program> = { vim, vi, nano };
