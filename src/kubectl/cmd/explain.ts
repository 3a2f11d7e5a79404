/**
 * kubectl explain TYPE[.FIELD…] [--recursive]: the OpenAPI descriptions, laid out as kubectl's
 * plaintext template (KIND/VERSION, FIELD, DESCRIPTION wrapped at 76 columns, FIELDS).
 */
import { explain, loadExplainData, type ExplainResult } from '../../sim/apiserver/explain';
import { connect, mapperOf } from '../client/connection';
import { fail, raw } from '../errors';
import type { Invocation } from '../invocation';
import { register } from './registry';

const NO_ARGS = 'error: You must specify the type of resource to explain. Use "kubectl api-resources" for a complete list of supported resources.';

/** Greedy word wrap of each paragraph at `width` columns. */
export function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    for (const word of para.split(' ')) {
      if (line === '') line = word;
      else if (line.length + 1 + word.length >= width) {
        out.push(line);
        line = word;
      } else line += ' ' + word;
    }
    out.push(line);
  }
  return out;
}

function indent(lines: string[], n: number): string {
  return lines.map((l) => (l === '' ? '' : ' '.repeat(n) + l)).join('\n');
}

function render(r: ExplainResult, recursive: boolean): string {
  let out = r.group ? `GROUP:      ${r.group}\n` : '';
  out += `KIND:       ${r.kind}\nVERSION:    ${r.version}\n\n`;
  if (r.field) out += `FIELD: ${r.field} <${r.type}>\n\n`;
  out += `DESCRIPTION:\n${indent(wrap(r.description, 76), 4)}\n    \n`;
  if (r.fields.length) {
    out += 'FIELDS:\n';
    if (recursive) {
      for (const f of r.fields) out += `  ${f.name}\t<${f.type}>${f.required ? ' -required-' : ''}\n`;
    } else {
      for (const f of r.fields) {
        out += `  ${f.name}\t<${f.type}>${f.required ? ' -required-' : ''}\n`;
        if (f.description) out += `${indent(wrap(f.description, 76), 4)}\n`;
        out += '\n';
      }
    }
  }
  return out;
}

async function explainCmd(inv: Invocation): Promise<number> {
  const args = inv.flags.args;
  if (args.length === 0) throw raw(NO_ARGS);
  if (args.length > 1) throw fail(`We accept only this format: explain RESOURCE`);
  const conn = connect(inv, 2);
  const [typed, ...path] = args[0].split('.');
  const mapping = mapperOf(conn).resolve(typed);
  let { group, version } = mapping;
  const apiVersion = inv.flags.str('api-version');
  if (apiVersion) [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  // explain reads the group-version's OpenAPI v3 document (the index first).
  conn.exchanges.openApiV3(group, version);
  await loadExplainData();
  const result = explain(group, version, mapping.kind, path);
  if ('error' in result) throw fail(result.error);
  inv.out(render(result, inv.flags.bool('recursive')));
  return 0;
}

register('explain', explainCmd);
