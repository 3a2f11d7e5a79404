/**
 * Just enough TOML to read /etc/containerd/config.toml as containerd does for its start-up log:
 * tables (`[plugins."io.containerd.grpc.v1.cri".containerd]`) holding `key = value` pairs whose
 * values are strings, numbers, booleans or arrays of those. Table names are kept as their dotted
 * parts with the quotes removed, so `plugins."io.containerd.grpc.v1.cri"` is
 * ['plugins', 'io.containerd.grpc.v1.cri'].
 */

export type TomlValue = string | number | boolean | TomlValue[];

export interface TomlTable {
  path: string[];
  values: Map<string, TomlValue>;
}

/** `a."b.c".d` → ['a', 'b.c', 'd']. */
function splitDotted(name: string): string[] {
  const parts: string[] = [];
  let cur = '';
  let quote = '';
  for (const ch of name.trim()) {
    if (quote) {
      if (ch === quote) quote = '';
      else cur += ch;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '.') {
      parts.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  parts.push(cur.trim());
  return parts;
}

function parseValue(raw: string): TomlValue {
  const v = raw.trim();
  if (v.startsWith('"') || v.startsWith("'")) {
    const end = v.lastIndexOf(v[0]);
    const body = v.slice(1, end > 0 ? end : undefined);
    return v[0] === '"' ? body.replace(/\\(["\\])/g, '$1') : body;
  }
  if (v === 'true' || v === 'false') return v === 'true';
  if (v.startsWith('[')) {
    const inner = v.slice(1, v.lastIndexOf(']')).trim();
    if (!inner) return [];
    return inner
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
      .map(parseValue);
  }
  const n = Number(v.replace(/_/g, ''));
  return Number.isNaN(n) ? v : n;
}

/** The tables of a TOML text, in file order (the root table first, with an empty path). */
export function parseTomlTables(text: string): TomlTable[] {
  const root: TomlTable = { path: [], values: new Map() };
  const tables = [root];
  let current = root;
  for (const rawLine of text.split('\n')) {
    const line = rawLine.replace(/\s+#.*$/, '').trim();
    if (!line || line.startsWith('#')) continue;
    const header = /^\[\[?(.+?)\]\]?$/.exec(line);
    if (header) {
      current = { path: splitDotted(header[1]), values: new Map() };
      tables.push(current);
      continue;
    }
    const eq = line.indexOf('=');
    if (eq > 0) current.values.set(line.slice(0, eq).trim().replace(/^"|"$/g, ''), parseValue(line.slice(eq + 1)));
  }
  return tables;
}

/** The table at exactly this path, if the file has it. */
export function tomlTable(tables: TomlTable[], ...path: string[]): TomlTable | undefined {
  return tables.find((t) => t.path.length === path.length && t.path.every((p, i) => p === path[i]));
}
