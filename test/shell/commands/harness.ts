/**
 * Runs command lines through our programs for the differential tests: a tiny line splitter
 * (quotes, backslashes, |, ;, &&, ||) and a CommandContext over the fake filesystem. It stands in
 * for the real shell, which another part of the project provides.
 */
import { SimClock } from '../../../src/sim/clock';
import type { CommandContext, InputStream, OutputStream } from '../../../src/shell/command';
import { programs } from '../../../src/shell/commands/index';
import { FakeFs } from './fake-fs';
import { MemFs, ROOT_CREDS, type Inode } from '../../../src/sim/machine/fs';
import type { FileAccess } from '../../../src/shell/command';

/** The filesystem under test: the machine's real MemFs, or the Map-based double (CKA_FAKE_FS=1). */
export interface TestFs extends FileAccess {
  setAllMtimes(ms: number): void;
}

function realFs(now: () => number, cwd: string): TestFs {
  const mem = new MemFs(now);
  const view = mem.view(ROOT_CREDS, '/');
  view.mkdir(cwd, { recursive: true });
  const at = view.at(cwd) as unknown as TestFs;
  at.setAllMtimes = (ms: number) => {
    const visit = (n: Inode) => {
      n.mtimeMs = ms;
      n.children?.forEach(visit);
    };
    visit(mem.root);
  };
  return at;
}
import { WORKDIR, type Case, type FileSpec } from './cases/types';

type Token = { word: string } | { op: '|' | ';' | '&&' | '||' | '>' | '>>' | '<' | '2>' };

export function tokenize(line: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  let cur: string | null = null;
  const push = () => {
    if (cur !== null) out.push({ word: cur });
    cur = null;
  };
  while (i < line.length) {
    const c = line[i];
    if (c === ' ' || c === '\t' || c === '\n') {
      push();
      i++;
    } else if (c === "'") {
      const end = line.indexOf("'", i + 1);
      cur = (cur ?? '') + line.slice(i + 1, end);
      i = end + 1;
    } else if (c === '"') {
      i++;
      cur = cur ?? '';
      while (i < line.length && line[i] !== '"') {
        if (line[i] === '\\' && '"\\$`'.includes(line[i + 1])) {
          cur += line[i + 1];
          i += 2;
        } else cur += line[i++];
      }
      i++;
    } else if (c === '\\') {
      cur = (cur ?? '') + line[i + 1];
      i += 2;
    } else if (line.startsWith('&&', i) || line.startsWith('||', i)) {
      push();
      out.push({ op: line.slice(i, i + 2) as '&&' | '||' });
      i += 2;
    } else if (c === '>' || c === '<' || (c === '2' && line[i + 1] === '>' && cur === null)) {
      push();
      const op = line.startsWith('>>', i) ? '>>' : line.startsWith('2>', i) ? '2>' : c;
      out.push({ op: op as '>' });
      i += op.length;
    } else if (c === '|' || c === ';') {
      push();
      out.push({ op: c });
      i++;
    } else {
      cur = (cur ?? '') + c;
      i++;
    }
  }
  push();
  return out;
}

export class StringInput implements InputStream {
  constructor(private text: string | null) {}
  async read(): Promise<string | null> {
    const t = this.text;
    this.text = null;
    return t === '' ? null : t;
  }
  async readAll(): Promise<string> {
    const t = this.text ?? '';
    this.text = null;
    return t;
  }
}

export class StringOutput implements OutputStream {
  text = '';
  write(chunk: string): void {
    this.text += chunk;
  }
}

export interface Env {
  lastStatus?: number;
  fs: TestFs;
  clock: SimClock;
  stdout: StringOutput;
  stderr: StringOutput;
  controller: AbortController;
  host: string;
}

export function makeEnv(nowMs: number): Env {
  const clock = new SimClock({ startMs: nowMs });
  const fs: TestFs = process.env.CKA_FAKE_FS ? new FakeFs({ cwd: WORKDIR, now: () => clock.now() }) : realFs(() => clock.now(), WORKDIR);
  return { fs, clock, stdout: new StringOutput(), stderr: new StringOutput(), controller: new AbortController(), host: 'cka01' };
}

export function populate(env: Env, files: Record<string, FileSpec> | undefined, mtimeMs: number): void {
  env.fs.mkdir(WORKDIR, { recursive: true });
  for (const [path, spec] of Object.entries(files ?? {})) {
    const parent = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
    if (parent) env.fs.mkdir(parent, { recursive: true });
    if (typeof spec === 'string') env.fs.writeFile(path, spec);
    else if ('dir' in spec) {
      env.fs.mkdir(path, { recursive: true });
      if (spec.mode !== undefined) env.fs.chmod(path, spec.mode);
    } else if ('link' in spec) env.fs.symlink(spec.link, path);
    else {
      env.fs.writeFile(path, spec.content);
      if (spec.mode !== undefined) env.fs.chmod(path, spec.mode);
    }
  }
  env.fs.setAllMtimes(mtimeMs);
}

const BASE_ENV = { PATH: '/usr/local/bin:/usr/bin:/bin', HOME: '/root', USER: 'root', LC_ALL: 'C.UTF-8', TZ: 'UTC' };

export function makeContext(env: Env, argv: string[], stdin: InputStream, stdout: OutputStream, vars: Record<string, string> = BASE_ENV): CommandContext {
  const ctx: CommandContext = {
    argv,
    env: vars,
    cwd: WORKDIR,
    stdin,
    stdout,
    get stderr() {
      return env.stderr;
    },
    columns: 80,
    isTTY: false,
    signal: env.controller.signal,
    user: { name: 'root', uid: 0, gid: 0, home: '/root', groups: ['root'] },
    host: env.host,
    clock: env.clock,
    fs: env.fs,
    machine: undefined,
    world: undefined,
    spawn: async (line, overrides) => {
      const out = overrides?.stdout ?? stdout;
      return runLine(env, line, overrides?.stdin ?? new StringInput(''), out, overrides?.env ?? vars);
    },
  };
  return ctx;
}

const REDIRECT = '\u0000redirect:';

/** Apply `> f`, `>> f`, `< f`, `2> f` markers, then run the command. */
async function runSimple(env: Env, all: string[], stdin: InputStream, stdout: OutputStream, vars?: Record<string, string>): Promise<number> {
  const words: string[] = [];
  const writes: { path: string; append: boolean; err: boolean }[] = [];
  for (let i = 0; i < all.length; i++) {
    if (all[i].startsWith(REDIRECT)) {
      const op = all[i].slice(REDIRECT.length);
      const target = all[++i];
      if (op === '<') stdin = new StringInput(env.fs.readFile(target));
      else writes.push({ path: target, append: op === '>>', err: op === '2>' });
    } else words.push(all[i]);
  }
  for (const w of writes) if (w.path !== '/dev/null' && !w.append) env.fs.writeFile(w.path, '');
  if (!writes.length) return runWords(env, words, stdin, stdout, vars);
  const out = new StringOutput();
  const err = new StringOutput();
  const savedErr = env.stderr;
  const toErr = writes.some((w) => w.err);
  if (toErr) env.stderr = err;
  const toOut = writes.some((w) => !w.err);
  const status = await runWords(env, words, stdin, toOut ? out : stdout, vars);
  env.stderr = savedErr;
  for (const w of writes) {
    const text = w.err ? err.text : out.text;
    if (w.path !== '/dev/null') env.fs.writeFile(w.path, text, { append: true });
  }
  return status;
}

async function runWords(env: Env, words: string[], stdin: InputStream, stdout: OutputStream, vars?: Record<string, string>): Promise<number> {
  words = words.map((w) => (w === '$?' ? String(env.lastStatus ?? 0) : w));
  const name = words[0].split('/').pop()!;
  const program = programs[name];
  if (!program) {
    env.stderr.write(`bash: ${name}: command not found\n`);
    return 127;
  }
  return program(makeContext(env, words, stdin, stdout, vars));
}

/** Run a line: pipelines run stage by stage, each stage's whole output feeding the next. */
export async function runLine(env: Env, line: string, stdin: InputStream, stdout: OutputStream, vars?: Record<string, string>): Promise<number> {
  const tokens = tokenize(line);
  let status = 0;
  let skip = false;
  let pipeline: string[][] = [[]];
  const flush = async () => {
    if (skip) return;
    let input: InputStream = stdin;
    for (let i = 0; i < pipeline.length; i++) {
      const last = i === pipeline.length - 1;
      const out = last ? stdout : new StringOutput();
      status = await runSimple(env, pipeline[i], input, out, vars);
      env.lastStatus = status;
      if (!last) input = new StringInput((out as StringOutput).text);
    }
  };
  for (let ti = 0; ti < tokens.length; ti++) {
    const t = tokens[ti];
    if ('word' in t) pipeline[pipeline.length - 1].push(t.word);
    else if (t.op === '>' || t.op === '>>' || t.op === '<' || t.op === '2>') pipeline[pipeline.length - 1].push(REDIRECT + t.op);
    else if (t.op === '|') pipeline.push([]);
    else {
      await flush();
      pipeline = [[]];
      skip = t.op === '&&' ? status !== 0 : t.op === '||' ? status === 0 : false;
    }
  }
  if (pipeline[0].length) await flush();
  return status;
}

export async function runCase(c: Case, nowMs: number, mtimeMs: number): Promise<{ stdout: string; stderr: string; status: number }> {
  const env = makeEnv(nowMs);
  populate(env, c.files, mtimeMs);
  const status = await runLine(env, c.cmd, new StringInput(c.stdin ?? ''), env.stdout);
  return { stdout: env.stdout.text, stderr: env.stderr.text, status };
}
