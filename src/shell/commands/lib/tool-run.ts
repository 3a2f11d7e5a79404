/**
 * A network tool's run as data: what it writes to which stream, and where it waits (a connection
 * that nothing answers). The same run is played on a terminal (the waits on the simulated clock)
 * or laid out as a container's log timeline, so a tool has one implementation for both.
 */
import type { CommandContext } from '../../command';

export type ToolChunk = { stream: 'stdout' | 'stderr'; text: string } | { waitMs: number };

export interface ToolRun {
  chunks: ToolChunk[];
  exitCode: number;
}

/** Collects a run's chunks as a program writes them. */
export class ToolOutput {
  readonly chunks: ToolChunk[] = [];
  out(text: string): void {
    if (text) this.chunks.push({ stream: 'stdout', text });
  }
  err(text: string): void {
    if (text) this.chunks.push({ stream: 'stderr', text });
  }
  wait(ms: number): void {
    if (ms > 0) this.chunks.push({ waitMs: ms });
  }
  done(exitCode: number): ToolRun {
    return { chunks: this.chunks, exitCode };
  }
}

/** Play a run on a command's streams; Ctrl-C during a wait ends it with 130. */
export async function playTool(run: ToolRun, ctx: CommandContext): Promise<number> {
  for (const c of run.chunks) {
    if ('waitMs' in c) {
      await ctx.clock.sleep(c.waitMs, ctx.signal);
      if (ctx.signal.aborted) return 130;
    } else (c.stream === 'stdout' ? ctx.stdout : ctx.stderr).write(c.text);
  }
  return run.exitCode;
}

/** A run's output as one stdout and one stderr text (for clients that read it at once). */
export function flattenTool(run: ToolRun): { stdout: string; stderr: string; exitCode: number } {
  let stdout = '';
  let stderr = '';
  for (const c of run.chunks) if (!('waitMs' in c)) c.stream === 'stdout' ? (stdout += c.text) : (stderr += c.text);
  return { stdout, stderr, exitCode: run.exitCode };
}
