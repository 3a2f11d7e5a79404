/** Running the simulated kubectl in a test: a command context with captured streams. */
import { SimClock } from '../../src/sim/clock';
import type { CommandContext } from '../../src/shell/command';
import type { ApiTransport } from '../../src/sim/apiserver/types';
import { createKubectl, type KubectlDeps } from '../../src/kubectl';
import { MemFs } from './_memfs';

export interface RunResult {
  exit: number;
  stdout: string;
  stderr: string;
}

/** Split a command line as bash would for the simple quoting our cases use. */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  let cur = '';
  let inWord = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch === "'") {
      const end = line.indexOf("'", i + 1);
      cur += line.slice(i + 1, end);
      i = end;
      inWord = true;
    } else if (ch === '"') {
      i++;
      while (i < line.length && line[i] !== '"') {
        if (line[i] === '\\' && '"\\$`'.includes(line[i + 1])) i++;
        cur += line[i++];
      }
      inWord = true;
    } else if (ch === '\\') {
      cur += line[++i];
      inWord = true;
    } else if (ch === ' ' || ch === '\t') {
      if (inWord) words.push(cur);
      cur = '';
      inWord = false;
    } else {
      cur += ch;
      inWord = true;
    }
  }
  if (inWord) words.push(cur);
  return words;
}

export interface RunOptions {
  fs?: MemFs;
  env?: Record<string, string>;
  clock?: SimClock;
  transports?: Record<string, ApiTransport>;
  deps?: Partial<KubectlDeps>;
  stdin?: string;
  /** What `ctx.spawn` runs (an editor, for kubectl edit). */
  spawn?: (line: string, fs: MemFs) => Promise<number>;
}

export async function runKubectl(line: string, options: RunOptions = {}): Promise<RunResult> {
  const words = shellWords(line);
  const env: Record<string, string> = { HOME: '/root', PATH: '/usr/bin:/bin', ...options.env };
  while (words.length && /^[A-Z_]+=/.test(words[0])) {
    const w = words.shift()!;
    env[w.slice(0, w.indexOf('='))] = w.slice(w.indexOf('=') + 1);
  }
  let stdout = '';
  let stderr = '';
  const fs = options.fs ?? new MemFs('/root');
  const stdinText = options.stdin ?? '';
  let stdinUsed = false;
  const ctx: CommandContext = {
    argv: words,
    env,
    cwd: '/root',
    stdin: {
      read: async () => (stdinUsed ? null : ((stdinUsed = true), stdinText)),
      readAll: async () => stdinText,
    },
    stdout: { write: (s) => void (stdout += s) },
    stderr: { write: (s) => void (stderr += s) },
    columns: 80,
    isTTY: false,
    signal: new AbortController().signal,
    user: { name: 'root', uid: 0, gid: 0, home: '/root', groups: ['root'] },
    host: 'cka01',
    clock: options.clock ?? new SimClock(),
    fs,
    ...(options.spawn ? { spawn: (line: string) => options.spawn!(line, fs) } : {}),
    machine: undefined,
    world: undefined,
  };
  const kubectl = createKubectl({
    connect: (url) => options.transports?.[url] ?? null,
    ...options.deps,
  });
  const exit = await kubectl(ctx);
  return { exit, stdout, stderr };
}
