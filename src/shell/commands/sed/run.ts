/**
 * The sed machine: pattern and hold spaces, line input with `$` look-ahead, the append queue,
 * ranges, branches. Output and file writes go through callbacks so the program decides where.
 */
import type { Address, Command, Replacement } from './script';

export interface SedInput {
  /** Next line (without its newline) and whether it had one; null at end of all input. */
  next(): { line: string; newline: boolean } | null;
  /** True when no line follows the one last read. */
  isLast(): boolean;
  /** Make sure the next line and the one after it (or the end) are known; called before next()
   *  and before `$` tests after n/N, so input can arrive from a live pipe. */
  fill?(): Promise<void>;
  fileName(): string;
  lineNumber(): number;
}

export interface SedIO {
  out(text: string): void;
  readFile(path: string): string | null;
  /** Append to a w-file (opened, i.e. truncated, at start). */
  writeFile(path: string, text: string): void;
  /** For R: next line of a file, or null. */
  readLineOf(path: string): string | null;
}

export interface SedOptions {
  quiet: boolean;
  separator: string;
  /** Non-POSIX behaviour for `l` line wrap. */
  lineWrap: number;
  /**
   * Called at every command and line: now and then a promise (the event loop had a turn) that is
   * true when Ctrl-C interrupted the command. `:a;ba` never reads input, so only this ends it.
   */
  checkpoint?: () => Promise<boolean> | undefined;
}

/** Ctrl-C reached a running script: sed dies of SIGINT (status 130). */
export class SedInterrupted {}

export class SedExit {
  constructor(readonly code: number) {}
}

export class SedMachine {
  private hold = '';
  private lastRegex: RegExp | null = null;
  private appendQueue: string[] = [];
  private quitting: number | null = null;
  /** Set once q, Q or end-of-input in n/N stopped the run. */
  quit = false;
  private globalCache = new Map<RegExp, RegExp>();

  /** The last output line lacked its newline (input without one): GNU adds it before more output. */
  private missingNewline = false;
  private io: SedIO;

  constructor(
    private cmds: Command[],
    io: SedIO,
    private opts: SedOptions,
  ) {
    this.io = {
      ...io,
      out: (text: string) => {
        if (!text) return;
        if (this.missingNewline) io.out(this.opts.separator);
        io.out(text);
        this.missingNewline = !text.endsWith(this.opts.separator) && !text.endsWith('\n');
      },
    };
  }

  private regex(re: RegExp | null): RegExp {
    const r = re ?? this.lastRegex;
    if (!r) throw new SedRuntimeError('no previous regular expression');
    this.lastRegex = r;
    return r;
  }

  private matchAddress(a: Address, ps: string, input: SedInput): boolean {
    switch (a.kind) {
      case 'line':
        return input.lineNumber() === a.n;
      case 'last':
        return input.isLast();
      case 'zero':
        return false;
      case 'step':
        return a.step <= 0 ? input.lineNumber() === a.first : input.lineNumber() >= a.first && (input.lineNumber() - a.first) % a.step === 0;
      case 'regex': {
        const r = this.regex(a.re);
        r.lastIndex = 0;
        return r.test(ps);
      }
    }
  }

  private selected(c: Command, ps: string, input: SedInput): boolean {
    if (!c.a1) return true;
    if (!c.a2) return this.matchAddress(c.a1, ps, input);
    const range = c.range!;
    const n = input.lineNumber();
    if (range.active) {
      const a2 = c.a2;
      if (a2.kind === 'line') {
        if (n >= a2.n) range.active = false;
        return n <= a2.n || true;
      }
      if (a2.kind === 'plus' || a2.kind === 'multiple') {
        if (range.endLine !== undefined && n >= range.endLine) range.active = false;
        return true;
      }
      if (this.matchAddress(a2, ps, input)) range.active = false;
      return true;
    }
    const startsHere = c.a1.kind === 'zero' ? n === 1 || false : this.matchAddress(c.a1, ps, input);
    if (!startsHere) {
      if (c.a1.kind === 'zero') return false;
      return false;
    }
    const a2 = c.a2;
    if (c.a1.kind === 'zero') {
      // 0,/re/: the end regex may match on the very first line.
      range.active = !this.matchAddress(a2 as Address, ps, input);
      return true;
    }
    if (a2.kind === 'line') range.active = a2.n > n;
    else if (a2.kind === 'plus') {
      range.endLine = n + a2.n;
      range.active = a2.n > 0;
    } else if (a2.kind === 'multiple') {
      const end = a2.n <= 0 ? n : Math.ceil(n / a2.n) * a2.n;
      range.endLine = end;
      range.active = end > n;
    } else if (a2.kind === 'last') range.active = !input.isLast();
    else range.active = true;
    return true;
  }

  private substitute(c: Command, ps: string): { text: string; done: boolean } {
    const base = this.regex(c.re!);
    let re = this.globalCache.get(base);
    if (!re) {
      re = new RegExp(base.source, base.flags.includes('g') ? base.flags : base.flags + 'g');
      this.globalCache.set(base, re);
    }
    let out = '';
    let pos = 0;
    let count = 0;
    let done = false;
    let prevEnd = -1;
    re.lastIndex = 0;
    while (pos <= ps.length) {
      re.lastIndex = pos;
      const m = re.exec(ps);
      if (!m) break;
      if (m[0] === '' && m.index === prevEnd) {
        // No empty match right after the previous match (POSIX/GNU behaviour).
        if (m.index >= ps.length) break;
        out += ps.slice(pos, m.index + 1);
        pos = m.index + 1;
        continue;
      }
      count++;
      const matchEnd = m.index + m[0].length;
      if (count >= c.occurrence!) {
        out += ps.slice(pos, m.index) + expand(c.replacement!, m);
        done = true;
        if (!c.global) {
          pos = matchEnd;
          break;
        }
      } else out += ps.slice(pos, matchEnd);
      prevEnd = matchEnd;
      if (m[0] === '') {
        if (m.index < ps.length) out += ps[m.index];
        pos = m.index + 1;
      } else pos = matchEnd;
    }
    if (!done) return { text: ps, done };
    if (pos < ps.length) out += ps.slice(pos);
    return { text: out, done };
  }

  private flushAppends(): void {
    for (const a of this.appendQueue) this.io.out(a);
    this.appendQueue = [];
  }

  /** Run the whole input. Returns the exit status (q/Q codes). */
  async run(input: SedInput): Promise<number> {
    const sep = this.opts.separator;
    await input.fill?.();
    let line = input.next();
    const checkpoint = this.opts.checkpoint;
    while (line !== null) {
      let ps = line.line;
      let newline = line.newline;
      let tFlag = false;
      let pc = 0;
      let autoPrint = !this.opts.quiet;
      let restartWithoutRead = false;
      const emit = (text: string, nl: boolean) => this.io.out(text + (nl ? sep : ''));
      cycle: while (pc < this.cmds.length) {
        const turn = checkpoint?.();
        if (turn && (await turn)) throw new SedInterrupted();
        const c = this.cmds[pc];
        let sel = this.selected(c, ps, input);
        if (c.negate) sel = !sel;
        if (!sel) {
          pc = c.name === '{' ? c.jump! : pc + 1;
          continue;
        }
        pc++;
        switch (c.name) {
          case '{':
          case '}':
          case ':':
          case '#':
            break;
          case '=':
            this.io.out(`${input.lineNumber()}\n`);
            break;
          case 'a':
            this.appendQueue.push(c.text!);
            break;
          case 'i':
            this.io.out(c.text!);
            break;
          case 'c':
            if (!c.a2 || !c.range!.active || c.negate) this.io.out(c.text!);
            autoPrint = false;
            break cycle;
          case 'd':
            autoPrint = false;
            break cycle;
          case 'D': {
            const i = ps.indexOf('\n');
            if (i < 0) {
              autoPrint = false;
              break cycle;
            }
            ps = ps.slice(i + 1);
            autoPrint = false;
            restartWithoutRead = true;
            break cycle;
          }
          case 'p':
            emit(ps, true);
            break;
          case 'P': {
            const i = ps.indexOf('\n');
            emit(i < 0 ? ps : ps.slice(0, i), true);
            break;
          }
          case 'l':
            this.io.out(listLine(ps, c.exitCode ?? this.opts.lineWrap));
            break;
          case 'h':
            this.hold = ps;
            break;
          case 'H':
            this.hold += '\n' + ps;
            break;
          case 'g':
            ps = this.hold;
            break;
          case 'G':
            ps += '\n' + this.hold;
            break;
          case 'x':
            [ps, this.hold] = [this.hold, ps];
            break;
          case 'z':
            ps = '';
            break;
          case 'F':
            this.io.out(`${input.fileName()}\n`);
            break;
          case 'n': {
            await input.fill?.();
            if (input.isLast()) {
              // GNU: without a next line, n quits after the usual end-of-cycle output.
              this.quitting = -1;
              break cycle;
            }
            if (!this.opts.quiet) emit(ps, newline);
            this.flushAppends();
            const nx = input.next()!;
            ps = nx.line;
            newline = nx.newline;
            break;
          }
          case 'N': {
            await input.fill?.();
            if (input.isLast()) {
              this.quitting = -1;
              break cycle;
            }
            this.flushAppends();
            const nx = input.next()!;
            ps += '\n' + nx.line;
            newline = nx.newline;
            break;
          }
          case 'q':
            this.quitting = c.exitCode ?? 0;
            break cycle;
          case 'Q':
            this.appendQueue = [];
            this.quit = true;
            return c.exitCode ?? 0;
          case 'b':
            pc = c.label ? c.jump! : this.cmds.length;
            break;
          case 't':
            if (tFlag) {
              tFlag = false;
              pc = c.label ? c.jump! : this.cmds.length;
            }
            break;
          case 'T':
            if (!tFlag) pc = c.label ? c.jump! : this.cmds.length;
            else tFlag = false;
            break;
          case 'r': {
            const content = this.io.readFile(c.file!);
            if (content !== null) this.appendQueue.push(content.endsWith('\n') || content === '' ? content : content + '\n');
            break;
          }
          case 'R': {
            const l = this.io.readLineOf(c.file!);
            if (l !== null) this.appendQueue.push(l + '\n');
            break;
          }
          case 'w':
            this.io.writeFile(c.file!, ps + '\n');
            break;
          case 'W': {
            const i = ps.indexOf('\n');
            this.io.writeFile(c.file!, (i < 0 ? ps : ps.slice(0, i)) + '\n');
            break;
          }
          case 'y':
            ps = [...ps].map((ch) => c.map!.get(ch) ?? ch).join('');
            break;
          case 's': {
            const r = this.substitute(c, ps);
            if (r.done) {
              ps = r.text;
              tFlag = true;
              if (c.print) emit(ps, true);
              if (c.file) this.io.writeFile(c.file, ps + '\n');
            }
            break;
          }
        }
      }
      if (autoPrint) emit(ps, newline);
      this.flushAppends();
      if (this.quitting !== null) {
        const code = this.quitting;
        this.quitting = null;
        if (code === -1) return 0;
        this.quit = true;
        return code;
      }
      const turn = checkpoint?.();
      if (turn && (await turn)) throw new SedInterrupted();
      // D restarts the cycle with what is left, without reading a new line.
      if (!restartWithoutRead) await input.fill?.();
      line = restartWithoutRead ? { line: ps, newline } : input.next();
    }
    return 0;
  }

}

export class SedRuntimeError extends Error {}

function expand(rep: Replacement, m: RegExpExecArray): string {
  let out = '';
  let mode: 'L' | 'U' | null = null;
  let once: 'l' | 'u' | null = null;
  const add = (s: string) => {
    for (const ch of s) {
      let c = ch;
      if (mode === 'L') c = c.toLowerCase();
      else if (mode === 'U') c = c.toUpperCase();
      if (once) {
        c = once === 'l' ? c.toLowerCase() : c.toUpperCase();
        once = null;
      }
      out += c;
    }
  };
  for (const p of rep.parts) {
    if (p.kind === 'text') add(p.text);
    else if (p.kind === 'group') add(m[p.n] ?? '');
    else if (p.mode === 'E') {
      mode = null;
      once = null;
    } else if (p.mode === 'L' || p.mode === 'U') {
      mode = p.mode;
      once = null;
    } else once = p.mode;
  }
  return out;
}

/** The `l` command: escapes, octal for non-printables, lines wrapped at width-1 with `\`. */
export function listLine(ps: string, width: number): string {
  const esc: Record<string, string> = { '\\': '\\\\', '\x07': '\\a', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\v': '\\v' };
  const pieces: string[] = [];
  for (const byte of new TextEncoder().encode(ps)) {
    const ch = String.fromCharCode(byte);
    if (esc[ch]) pieces.push(esc[ch]);
    else if (byte < 32 || byte >= 127) pieces.push('\\' + byte.toString(8).padStart(3, '0'));
    else pieces.push(ch);
  }
  let out = '';
  let col = 0;
  for (const p of pieces) {
    if (width > 1 && col + p.length > width - 1) {
      out += '\\\n';
      col = 0;
    }
    out += p;
    col += p.length;
  }
  return out + '$\n';
}
