/**
 * Word expansion, in bash's order: brace expansion, tilde, parameter / command / arithmetic
 * expansion, word splitting on IFS, pathname expansion, quote removal. Quotedness travels with
 * every piece of text so that splitting and globbing only touch what was unquoted.
 */
import type { ListNode, ParamPart, Word, WordPart } from '../parse/ast';
import { ArithError, evalArith, type ArithVars } from './arith';
import { hasGlob, matchPattern, patternRegExp, replacePattern, trimPattern, type PatPiece } from './pattern';
import type { ShellState } from './state';
import type { FsView } from '../../sim/machine/fs';

/** An expansion problem. `fatal` ones end a non-interactive shell (${x:?}, set -u). */
export class ExpansionError extends Error {
  constructor(
    message: string,
    readonly fatal = false,
    readonly status = 1,
  ) {
    super(message);
  }
}

export interface ExpandHost {
  state: ShellState;
  fs: FsView;
  commandSubst(body: ListNode): Promise<string>;
  processSubst(dir: '<' | '>', body: ListNode): Promise<string>;
  homeOf(user: string): string | undefined;
  /** $- */
  flags(): string;
  /** Variables computed on each use: RANDOM, SECONDS, BASHPID, FUNCNAME… (undefined: none). */
  dynamicVar?(name: string): string | undefined;
  arithVars(): ArithVars;
}

interface Seg {
  text: string;
  quoted: boolean;
}

class FieldBuilder {
  fields: Seg[][] = [];
  private cur: Seg[] = [];
  private curHasQuoted = false;
  private breakPending = false;

  constructor(
    private readonly split: boolean,
    private readonly ifs: string,
  ) {}

  private ensureBreak(): void {
    if (this.breakPending) {
      this.endField();
      this.breakPending = false;
    }
  }

  literal(text: string, quoted: boolean): void {
    this.ensureBreak();
    if (quoted) this.curHasQuoted = true;
    if (text) this.cur.push({ text, quoted });
  }

  /** Quoted emptiness ("" or '') still makes a field. */
  markQuoted(): void {
    this.ensureBreak();
    this.curHasQuoted = true;
  }

  /** Text from an unquoted expansion: split on IFS (when splitting), glob-active. */
  expanded(text: string): void {
    if (!this.split) {
      this.literal(text, false);
      return;
    }
    const ifs = this.ifs;
    let word = '';
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (ifs.includes(c)) {
        const ws = c === ' ' || c === '\t' || c === '\n';
        if (word) {
          this.ensureBreak();
          this.cur.push({ text: word, quoted: false });
          word = '';
        }
        if (ws) {
          if (this.cur.length || this.curHasQuoted) this.breakPending = true;
        } else {
          // A non-whitespace delimiter always ends a field (possibly empty).
          this.breakPending = false;
          this.endField(true);
          // swallow following IFS whitespace
          while (i + 1 < text.length && ' \t\n'.includes(text[i + 1]) && ifs.includes(text[i + 1])) i++;
        }
        continue;
      }
      word += c;
    }
    if (word) {
      this.ensureBreak();
      this.cur.push({ text: word, quoted: false });
    }
  }

  /** Start a new field (between "$@" elements). */
  newField(): void {
    this.breakPending = false;
    this.endField(true);
  }

  private endField(force = false): void {
    if (this.cur.length || this.curHasQuoted || force) this.fields.push(this.cur);
    this.cur = [];
    this.curHasQuoted = false;
  }

  finish(): Seg[][] {
    this.breakPending = false;
    if (this.cur.length || this.curHasQuoted) this.fields.push(this.cur);
    this.cur = [];
    return this.fields;
  }
}

function joinSegs(segs: Seg[]): string {
  return segs.length === 1 ? segs[0].text : segs.map((s) => s.text).join('');
}

export class Expander {
  constructor(private readonly host: ExpandHost) {}

  private get state(): ShellState {
    return this.host.state;
  }

  private ifs(): string {
    const v = this.state.get('IFS');
    return v === undefined ? ' \t\n' : v;
  }

  /** Expand words into fields (command arguments, for lists). */
  async fields(words: Word[]): Promise<string[]> {
    const out: string[] = [];
    for (const w of words) {
      for (const bw of braceExpand(w, this.state.options.braceexpand)) {
        const segsList = await this.expandToSegs(bw, true);
        for (const segs of segsList) {
          const globbed = this.glob(segs);
          if (globbed) out.push(...globbed);
          else out.push(joinSegs(segs));
        }
      }
    }
    return out;
  }

  /** Expand one word to a single string: no splitting, no globbing (assignments, redirections…). */
  async string(word: Word, opts: { tildeAfterColon?: boolean; noTilde?: boolean } = {}): Promise<string> {
    const segsList = await this.expandToSegs(word, false, opts.tildeAfterColon, opts.noTilde);
    return segsList.map(joinSegs).join(' ');
  }

  /** Expand a pattern word keeping quotedness (case, [[ == ]], ${x#…}). */
  async pattern(word: Word): Promise<PatPiece[]> {
    const segsList = await this.expandToSegs(word, false);
    const pieces: PatPiece[] = [];
    segsList.forEach((segs, i) => {
      if (i > 0) pieces.push({ text: ' ', quoted: true });
      pieces.push(...segs);
    });
    return pieces;
  }

  /** Redirection target: one field, globbed; more is an "ambiguous redirect". */
  async redirectTarget(word: Word): Promise<string | null> {
    const f = await this.fields([word]);
    if (f.length !== 1) return null;
    return f[0];
  }

  private async expandToSegs(word: Word, split: boolean, tildeAfterColon = false, noTilde = false): Promise<Seg[][]> {
    const b = new FieldBuilder(split, this.ifs());
    await this.parts(word.parts, b, false, !noTilde, tildeAfterColon);
    return b.finish();
  }

  private async parts(parts: WordPart[], b: FieldBuilder, inDq: boolean, atStart: boolean, tildeAfterColon = false): Promise<void> {
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i];
      switch (p.type) {
        case 'lit': {
          if (inDq || p.quoted) {
            b.literal(p.value, true);
            break;
          }
          let text = p.value;
          if (i === 0 && atStart && text.startsWith('~')) text = this.tilde(text, parts.length > 1);
          if (tildeAfterColon && text.includes(':~')) text = text.replace(/:~(?=\/|:|$)/g, `:${this.state.get('HOME') ?? ''}`);
          b.literal(text, false);
          if (i === 0 && atStart && text !== p.value) {
            // the home directory itself is not subject to globbing/splitting
          }
          break;
        }
        case 'dq':
          // "$@" with no positional parameters expands to no word at all.
          if (!(p.parts.length === 1 && this.isEmptyList(p.parts[0]))) b.markQuoted();
          await this.parts(p.parts, b, true, false);
          break;
        case 'param':
          await this.param(p, b, inDq);
          break;
        case 'cmdsub': {
          const out = (await this.host.commandSubst(p.body)).replace(/\n+$/, '');
          if (inDq) b.literal(out, true);
          else b.expanded(out);
          break;
        }
        case 'arith': {
          const text = await this.string(p.expr, { noTilde: true });
          const v = this.arith(text);
          if (inDq) b.literal(v, true);
          else b.expanded(v);
          break;
        }
        case 'procsub':
          b.literal(await this.host.processSubst(p.dir, p.body), true);
          break;
      }
    }
  }

  arith(text: string): string {
    try {
      return String(evalArith(text, this.host.arithVars()));
    } catch (e) {
      if (e instanceof ArithError) throw new ExpansionError(e.message, false, 1);
      throw e;
    }
  }

  private tilde(text: string, more: boolean): string {
    const slash = text.indexOf('/');
    const prefix = slash < 0 ? text : text.slice(0, slash);
    if (slash < 0 && more) return text; // ~"user" etc.: leave
    const rest = slash < 0 ? '' : text.slice(slash);
    const user = prefix.slice(1);
    let home: string | undefined;
    if (user === '') home = this.state.get('HOME') ?? this.host.homeOf('');
    else if (user === '+') home = this.state.get('PWD');
    else if (user === '-') home = this.state.get('OLDPWD');
    else home = this.host.homeOf(user);
    return home === undefined ? text : home + rest;
  }

  // ------------------------------------------------------------ parameters

  private isEmptyList(p: WordPart): boolean {
    if (p.type !== 'param' || p.length || p.indirect || (p.op && p.op !== ':' && !p.op.startsWith('/') && !p.op.startsWith('#') && !p.op.startsWith('%'))) return false;
    const all = (p.name === '@' && !p.index) || (p.index?.raw === '@');
    if (!all) return false;
    const values = this.arrayValues(p.name) ?? [];
    if (p.op === ':') return false;
    return values.length === 0;
  }

  private isSet(name: string): boolean {
    if (/^[0-9]+$/.test(name)) return Number(name) === 0 || Number(name) <= this.state.positional.length;
    if (name === '@' || name === '*') return this.state.positional.length > 0;
    if ('#?$-0'.includes(name)) return true;
    if (name === '!') return this.state.lastBgPid !== undefined;
    return this.state.get(name) !== undefined || this.isArraySet(name);
  }

  private isArraySet(name: string): boolean {
    const v = this.state.lookup(name);
    return !!v && v.value !== undefined && typeof v.value !== 'string';
  }

  /** Scalar value of a parameter (no @/* handling). */
  scalar(name: string): string | undefined {
    const s = this.state;
    switch (name) {
      case '#':
        return String(s.positional.length);
      case '?':
        return String(s.lastStatus);
      case '$':
        return String(s.pid);
      case '!':
        return s.lastBgPid === undefined ? undefined : String(s.lastBgPid);
      case '-':
        return this.host.flags();
      case '0':
        return s.arg0;
      case '@':
      case '*':
        return s.positional.length ? s.positional.join(name === '*' ? this.ifs().slice(0, 1) : ' ') : undefined;
    }
    if (/^[0-9]+$/.test(name)) return s.positional[Number(name) - 1];
    const dynamic = this.host.dynamicVar?.(name);
    if (dynamic !== undefined) return dynamic;
    return s.get(name);
  }

  private arrayValues(name: string): string[] | undefined {
    if (name === '@' || name === '*') return [...this.state.positional];
    const v = this.state.lookup(name);
    if (!v || v.value === undefined) return undefined;
    if (typeof v.value === 'string') return [v.value];
    if (Array.isArray(v.value)) return v.value.filter((x): x is string => x !== undefined);
    return [...v.value.values()];
  }

  private arrayKeys(name: string): string[] {
    const v = this.state.lookup(name);
    if (!v || v.value === undefined) return [];
    if (typeof v.value === 'string') return ['0'];
    if (Array.isArray(v.value)) return v.value.flatMap((x, i) => (x === undefined ? [] : [String(i)]));
    return [...v.value.keys()];
  }

  private async element(name: string, indexWord: Word): Promise<string | undefined> {
    const v = this.state.lookup(name);
    const raw = await this.string(indexWord);
    if (v?.value instanceof Map) return v.value.get(raw);
    const i = Number(this.arith(raw));
    if (!v || v.value === undefined) return undefined;
    if (typeof v.value === 'string') return i === 0 || i === -1 ? v.value : undefined;
    const arr = v.value;
    return arr[i < 0 ? arr.length + i : i];
  }

  private unbound(name: string): never {
    throw new ExpansionError(`${name}: unbound variable`, true, 1);
  }

  private async param(p: ParamPart, b: FieldBuilder, inDq: boolean): Promise<void> {
    if (p.op === 'bad') throw new ExpansionError(`${p.arg?.raw ?? ''}: bad substitution`);
    let name = p.name;
    // Indirection: ${!name} → the variable named by name's value; ${!a[@]} → keys.
    if (p.indirect) {
      if (p.index && (p.index.raw === '@' || p.index.raw === '*')) {
        this.emitList(this.arrayKeys(name), p.index.raw === '@', b, inDq);
        return;
      }
      const target = this.scalar(name);
      if (target === undefined || target === '') {
        if (this.state.options.nounset) this.unbound(name);
        throw new ExpansionError(`${name}: invalid indirect expansion`);
      }
      name = target;
    }
    const listMode = (name === '@' || name === '*') && !p.index ? name : p.index && (p.index.raw === '@' || p.index.raw === '*') ? p.index.raw : null;

    if (p.length) {
      let n: number;
      if (listMode) n = (this.arrayValues(name) ?? []).length;
      else {
        const v = p.index ? await this.element(name, p.index) : this.scalar(name);
        if (v === undefined && this.state.options.nounset) this.unbound(name);
        n = [...(v ?? '')].length;
      }
      this.emitValue(String(n), b, inDq);
      return;
    }

    let values: string[] | undefined;
    let value: string | undefined;
    if (listMode) {
      values = this.arrayValues(name);
      if (values && values.length === 0 && (name === '@' || name === '*')) values = [];
      value = values?.length ? values.join(listMode === '*' ? this.ifs().slice(0, 1) : ' ') : values ? '' : undefined;
      if (values !== undefined && values.length === 0 && name !== '@' && name !== '*') value = undefined;
      if (name === '@' || name === '*') value = values!.length ? value : undefined;
    } else if (p.index) {
      value = await this.element(name, p.index);
    } else {
      value = this.scalar(name);
    }

    const op = p.op;
    switch (op) {
      case undefined:
        break;
      case ':-':
      case '-':
        if (value === undefined || (op === ':-' && value === '')) {
          if (p.arg) await this.parts(p.arg.parts, b, inDq, true);
          return;
        }
        break;
      case ':=':
      case '=':
        if (value === undefined || (op === ':=' && value === '')) {
          if (/^[0-9@*#?$!-]/.test(name)) throw new ExpansionError(`$${name}: cannot assign in this way`);
          const v = p.arg ? await this.string(p.arg) : '';
          if (p.index) this.state.setElement(name, await this.string(p.index), v);
          else if (!this.state.set(name, v)) throw new ExpansionError(`${name}: readonly variable`);
          this.emitValue(v, b, inDq);
          return;
        }
        break;
      case ':+':
      case '+':
        if (!(value === undefined || (op === ':+' && value === ''))) {
          if (p.arg) await this.parts(p.arg.parts, b, inDq, true);
        } else if (inDq) b.markQuoted();
        return;
      case ':?':
      case '?':
        if (value === undefined || (op === ':?' && value === '')) {
          const msg = p.arg && p.arg.parts.length ? await this.string(p.arg) : op === ':?' && value === '' ? 'parameter null or not set' : 'parameter null or not set';
          throw new ExpansionError(`${name}: ${msg}`, true, 1);
        }
        break;
      default:
        if (value === undefined && this.state.options.nounset && !listMode) this.unbound(name);
        if (value === undefined && !listMode) {
          if (inDq) b.markQuoted();
          return;
        }
        {
          if (op === ':' && values && listMode) {
            // Array and positional slices take elements, not characters.
            const offText = p.arg ? await this.string(p.arg) : '0';
            let off = Number(this.arith(offText));
            const lenText = p.arg2 ? await this.string(p.arg2) : undefined;
            let list = values;
            if (name === '@' || name === '*') {
              list = [this.state.arg0, ...values];
            }
            if (off < 0) off = Math.max(list.length + off, -1);
            if (off < 0) list = [];
            else {
              const len = lenText === undefined ? undefined : Number(this.arith(lenText));
              list = list.slice(off, len === undefined ? undefined : len < 0 ? list.length + len : off + len);
            }
            this.emitList(list, listMode === '@', b, inDq);
            return;
          }
          const transform = await this.transformer(p);
          if (values && listMode) {
            this.emitList(values.map(transform), listMode === '@', b, inDq);
            return;
          }
          this.emitValue(transform(value ?? ''), b, inDq);
          return;
        }
    }
    if (value === undefined && this.state.options.nounset && !(listMode && (name === '@' || name === '*'))) this.unbound(p.index ? `${name}[${p.index.raw}]` : name);
    if (listMode && values) {
      this.emitList(values, listMode === '@', b, inDq);
      return;
    }
    if (value === undefined) {
      if (inDq) b.markQuoted();
      return;
    }
    this.emitValue(value, b, inDq);
  }

  /** The per-value function for #, %, /, ^, , and : operators. */
  private async transformer(p: ParamPart): Promise<(v: string) => string> {
    const op = p.op!;
    if (op === '#' || op === '##' || op === '%' || op === '%%') {
      const pat = p.arg ? await this.pattern(p.arg) : [];
      return (v) => trimPattern(v, pat, op);
    }
    if (op.startsWith('/')) {
      const pat = p.arg ? await this.pattern(p.arg) : [];
      const rep = p.arg2 ? await this.string(p.arg2) : '';
      return (v) => replacePattern(v, pat, rep, op as '/' | '//' | '/#' | '/%');
    }
    if (op === '^^') return (v) => v.toUpperCase();
    if (op === ',,') return (v) => v.toLowerCase();
    if (op === '^') return (v) => v.slice(0, 1).toUpperCase() + v.slice(1);
    if (op === ',') return (v) => v.slice(0, 1).toLowerCase() + v.slice(1);
    if (op === ':') {
      const offText = p.arg ? await this.string(p.arg) : '0';
      const off = Number(this.arith(offText));
      const lenText = p.arg2 ? await this.string(p.arg2) : undefined;
      const len = lenText === undefined ? undefined : Number(this.arith(lenText));
      return (v) => {
        const chars = [...v];
        let start = off < 0 ? chars.length + off : off;
        if (start < 0) return '';
        start = Math.min(start, chars.length);
        if (len === undefined) return chars.slice(start).join('');
        if (len < 0) {
          const end = chars.length + len;
          if (end < start) throw new ExpansionError(`${len}: substring expression < 0`);
          return chars.slice(start, end).join('');
        }
        return chars.slice(start, start + len).join('');
      };
    }
    return (v) => v;
  }

  private emitValue(v: string, b: FieldBuilder, inDq: boolean): void {
    if (inDq) b.literal(v, true);
    else b.expanded(v);
  }

  /** "$@"-style lists: separate fields when quoted with @; joined with IFS[0] for "$*". */
  private emitList(values: string[], at: boolean, b: FieldBuilder, inDq: boolean): void {
    if (inDq && !at) {
      b.literal(values.join(this.ifs().slice(0, 1)), true);
      return;
    }
    values.forEach((v, i) => {
      if (i > 0) {
        if (inDq) b.newField();
        else b.expanded(' ');
      }
      this.emitValue(v, b, inDq);
    });
  }

  // ------------------------------------------------------------ globbing

  /** Pathname expansion of one field; null when it is not a glob or (without nullglob) nothing matched. */
  private glob(segs: Seg[]): string[] | null {
    if (this.state.options.noglob) return null;
    if (!hasGlob(segs)) return null;
    const matches = globFs(this.host.fs, segs, { dotglob: this.state.shopt.dotglob, nocase: this.state.shopt.nocaseglob });
    if (matches.length) return matches;
    if (this.state.shopt.nullglob) return [];
    if (this.state.shopt.failglob) throw new ExpansionError(`no match: ${joinSegs(segs)}`);
    return null;
  }
}

/** Split a pattern into path components, keeping quotedness. */
function splitSegsOnSlash(segs: Seg[]): Seg[][] {
  const comps: Seg[][] = [[]];
  for (const s of segs) {
    const pieces = s.text.split('/');
    pieces.forEach((piece, i) => {
      if (i > 0) comps.push([]);
      if (piece) comps[comps.length - 1].push({ text: piece, quoted: s.quoted });
    });
  }
  return comps;
}

export function globFs(fs: FsView, segs: Seg[], opts: { dotglob?: boolean; nocase?: boolean } = {}): string[] {
  const comps = splitSegsOnSlash(segs);
  const absolute = segs.length > 0 && segs[0].text.startsWith('/');
  let bases: string[] = [absolute ? '/' : ''];
  const lastIndex = comps.length - 1;
  for (let ci = absolute ? 1 : 0; ci < comps.length; ci++) {
    const comp = comps[ci];
    const next: string[] = [];
    if (comp.length === 0) {
      // trailing slash: keep directories only
      if (ci === lastIndex) {
        for (const base of bases) {
          const st = fs.stat(base || '.');
          if (st?.type === 'dir') next.push(base.endsWith('/') ? base : base + '/');
        }
      } else next.push(...bases);
      bases = next;
      continue;
    }
    if (!hasGlob(comp)) {
      const name = comp.map((s) => s.text).join('');
      for (const base of bases) {
        const path = base === '' ? name : base.endsWith('/') ? base + name : `${base}/${name}`;
        if (ci === lastIndex ? fs.lstat(path) : fs.stat(path)?.type === 'dir') next.push(path);
      }
    } else {
      const re = patternRegExp(comp, opts.nocase ? 'i' : '');
      const explicitDot = comp[0] && comp[0].text.startsWith('.');
      for (const base of bases) {
        let entries: string[];
        try {
          entries = fs.readdir(base === '' ? '.' : base);
        } catch {
          continue;
        }
        for (const e of entries) {
          if (e.startsWith('.') && !explicitDot && !opts.dotglob) continue;
          if (!re.test(e)) continue;
          const path = base === '' ? e : base.endsWith('/') ? base + e : `${base}/${e}`;
          if (ci < lastIndex && fs.stat(path)?.type !== 'dir') continue;
          next.push(path);
        }
      }
    }
    bases = next;
    if (!bases.length) return [];
  }
  return bases.sort(globCompare);
}

/** Bash sorts glob results by the locale's collation; in C.UTF-8/en_US this is close to this. */
function globCompare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export { matchPattern };

// ------------------------------------------------------------ brace expansion

type BItem = { ch: string } | { part: WordPart };

function toItems(w: Word): BItem[] {
  const items: BItem[] = [];
  for (const p of w.parts) {
    if (p.type === 'lit' && !p.quoted) for (const ch of p.value) items.push({ ch });
    else items.push({ part: p });
  }
  return items;
}

function fromItems(items: BItem[], raw: string): Word {
  const parts: WordPart[] = [];
  let lit = '';
  for (const it of items) {
    if ('ch' in it) lit += it.ch;
    else {
      if (lit) parts.push({ type: 'lit', value: lit, quoted: false });
      lit = '';
      parts.push(it.part);
    }
  }
  if (lit) parts.push({ type: 'lit', value: lit, quoted: false });
  return { parts, raw };
}

export function braceExpand(w: Word, enabled = true): Word[] {
  if (!enabled || !w.parts.some((p) => p.type === 'lit' && !p.quoted && p.value.includes('{'))) return [w];
  const results = expandItems(toItems(w), 0);
  return results.map((items) => fromItems(items, w.raw));
}

function expandItems(items: BItem[], depth: number): BItem[][] {
  if (depth > 20) return [items];
  for (let i = 0; i < items.length; i++) {
    const it = items[i];
    if (!('ch' in it) || it.ch !== '{') continue;
    if (i > 0 && 'ch' in items[i - 1] && (items[i - 1] as { ch: string }).ch === '$') continue;
    // find matching close and top-level commas
    let d = 0;
    const commas: number[] = [];
    let close = -1;
    for (let j = i + 1; j < items.length; j++) {
      const x = items[j];
      if (!('ch' in x)) continue;
      if (x.ch === '{') d++;
      else if (x.ch === '}') {
        if (d === 0) {
          close = j;
          break;
        }
        d--;
      } else if (x.ch === ',' && d === 0) commas.push(j);
    }
    if (close < 0) return [items];
    const prefix = items.slice(0, i);
    const suffix = items.slice(close + 1);
    let alternatives: BItem[][] | null = null;
    if (commas.length) {
      alternatives = [];
      let start = i + 1;
      for (const c of [...commas, close]) {
        alternatives.push(items.slice(start, c));
        start = c + 1;
      }
    } else {
      const inner = items.slice(i + 1, close);
      if (inner.every((x) => 'ch' in x)) {
        const seq = sequence(inner.map((x) => (x as { ch: string }).ch).join(''));
        if (seq) alternatives = seq.map((s) => [...s].map((ch) => ({ ch })));
      }
    }
    if (!alternatives) {
      // Not a valid brace expression: keep the '{' and continue after it.
      const rest = expandItems(items.slice(i + 1), depth + 1);
      return rest.map((r) => [...items.slice(0, i + 1), ...r]);
    }
    const out: BItem[][] = [];
    const suffixes = expandItems(suffix, depth + 1);
    for (const alt of alternatives) {
      for (const a of expandItems(alt, depth + 1)) {
        for (const s of suffixes) out.push([...prefix, ...a, ...s]);
      }
    }
    return out;
  }
  return [items];
}

function sequence(text: string): string[] | null {
  let m = /^(-?\d+)\.\.(-?\d+)(?:\.\.(-?\d+))?$/.exec(text);
  if (m) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    let step = Math.abs(Number(m[3] ?? 1)) || 1;
    const width = /^-?0\d/.test(m[1]) || /^-?0\d/.test(m[2]) ? Math.max(m[1].length, m[2].length) : 0;
    const out: string[] = [];
    if (a > b) step = -step;
    for (let v = a; a <= b ? v <= b : v >= b; v += step) {
      let s = String(Math.abs(v)).padStart(width - (v < 0 ? 1 : 0), '0');
      if (v < 0) s = '-' + s;
      out.push(s);
      if (out.length > 100000) break;
    }
    return out;
  }
  m = /^([A-Za-z])\.\.([A-Za-z])(?:\.\.(-?\d+))?$/.exec(text);
  if (m) {
    const a = m[1].charCodeAt(0);
    const b = m[2].charCodeAt(0);
    const step = (Math.abs(Number(m[3] ?? 1)) || 1) * (a > b ? -1 : 1);
    const out: string[] = [];
    for (let v = a; a <= b ? v <= b : v >= b; v += step) out.push(String.fromCharCode(v));
    return out;
  }
  return null;
}
