/**
 * The terminal's own programs, for the shell's program table: full-screen editors that need the
 * tty. `vi` is Vim as on Ubuntu (vim-tiny's vi is Vim too). Their code loads on first use (or when
 * the page preloads it after its first prompt): a prompt does not need an editor.
 */
import type { Program } from '../shell/command';
import { lazyProgram } from '../shell/lazy-program';

export const vim = lazyProgram(() => import('./fullscreen/vim/program').then((m) => m.vimProgram));
export const vi: Program = vim;
export const nano = lazyProgram(() => import('./fullscreen/nano/program').then((m) => m.nanoProgram));

export const terminalPrograms: Record<string, Program> = { vim, vi, nano };

/** Loads the editors' code (once). */
export async function preloadTerminalPrograms(): Promise<void> {
  await Promise.all([vim.preload(), nano.preload()]);
}
