/**
 * --from-literal, --from-file (file, key=file, directory) and --from-env-file, as configmap and
 * secret generators read them, with kubectl's error texts.
 */
import { FsError } from '../../../shell/command';
import { fail } from '../../errors';
import type { Invocation } from '../../invocation';

const KEY_RE = /^[-._a-zA-Z0-9]+$/;
const ENV_KEY_RE = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

/** The error of a name that IsEnvVarName refuses (env files, kubectl set env), or undefined. */
export function envKeyError(key: string): string | undefined {
  if (ENV_KEY_RE.test(key)) return undefined;
  return `"${key}" is not a valid key name: a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')`;
}

export interface DataEntry {
  key: string;
  value: string;
}

function checkKey(key: string): void {
  if (!KEY_RE.test(key) || key.length > 253) {
    throw fail(
      `"${key}" is not a valid key name for a ConfigMap: a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')`,
    );
  }
}

function readFile(inv: Invocation, path: string): string {
  try {
    return inv.ctx.fs.readFile(path);
  } catch (e) {
    if (e instanceof FsError && e.code === 'ENOENT') throw fail(`error reading ${path}: no such file or directory`);
    throw e;
  }
}

export function literalSources(inv: Invocation): DataEntry[] {
  return inv.flags.list('from-literal').map((src) => {
    const eq = src.indexOf('=');
    if (eq <= 0) throw fail(`invalid literal source ${src}, expected key=value`);
    let value = src.slice(eq + 1);
    if (value.length >= 2 && ((value.startsWith('"') && value.endsWith('"')) || (value.startsWith("'") && value.endsWith("'")))) {
      value = value.slice(1, -1);
    }
    return { key: src.slice(0, eq), value };
  });
}

export function fileSources(inv: Invocation): DataEntry[] {
  const out: DataEntry[] = [];
  for (const src of inv.flags.list('from-file')) {
    const eq = src.indexOf('=');
    let key: string | undefined;
    let path = src;
    if (eq >= 0) {
      key = src.slice(0, eq);
      path = src.slice(eq + 1);
      if (key === '' || path === '') throw fail(`key names or file paths cannot be empty`);
    }
    const st = inv.ctx.fs.stat(path);
    if (!st) throw fail(`error reading ${path}: no such file or directory`);
    if (st.type === 'dir') {
      if (key !== undefined) throw fail('cannot give a key name for a directory path');
      for (const name of inv.ctx.fs.readdir(path)) {
        const child = `${path.replace(/\/$/, '')}/${name}`;
        if (inv.ctx.fs.stat(child)?.type !== 'file') continue;
        out.push({ key: name, value: readFile(inv, child) });
      }
      continue;
    }
    out.push({ key: key ?? path.split('/').pop()!, value: readFile(inv, path) });
  }
  return out;
}

export function envFileSources(inv: Invocation): DataEntry[] {
  const out: DataEntry[] = [];
  for (const path of inv.flags.list('from-env-file')) {
    const text = readFile(inv, path);
    text.split('\n').forEach((rawLine, i) => {
      let line = rawLine.replace(/\r$/, '');
      if (i === 0) line = line.replace(/^\ufeff/, '');
      line = line.replace(/^\s+/, '');
      if (line === '' || line.startsWith('#')) return;
      const eq = line.indexOf('=');
      if (eq >= 0) {
        const key = line.slice(0, eq);
        const keyError = envKeyError(key);
        if (keyError) throw fail(keyError);
        out.push({ key, value: line.slice(eq + 1) });
      } else {
        const keyError = envKeyError(line);
        if (keyError) throw fail(keyError);
        const v = inv.ctx.env[line];
        if (v !== undefined) out.push({ key: line, value: v });
      }
    });
  }
  return out;
}

/** Collects all sources into a map, refusing duplicate keys as kubectl does. */
export function collect(inv: Invocation, kind: 'ConfigMap' | 'Secret', name: string): Record<string, string> {
  const hasEnv = inv.flags.list('from-env-file').length > 0;
  if (hasEnv && (inv.flags.list('from-file').length > 0 || inv.flags.list('from-literal').length > 0)) {
    throw fail('from-env-file cannot be combined with from-file or from-literal');
  }
  const data: Record<string, string> = {};
  const add = (e: DataEntry, strict: boolean) => {
    if (strict) checkKey(e.key);
    if (Object.prototype.hasOwnProperty.call(data, e.key)) {
      throw fail(`cannot add key "${e.key}", another key by that name already exists in Data for ${kind} "${name}"`);
    }
    data[e.key] = e.value;
  };
  for (const e of fileSources(inv)) add(e, true);
  for (const e of literalSources(inv)) add(e, true);
  for (const e of envFileSources(inv)) add(e, false);
  return data;
}

export function sortedRecord(data: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of Object.keys(data).sort()) out[k] = data[k];
  return out;
}

export function base64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}
