/**
 * yq (mikefarah v4 style): the jq subset over YAML documents. `yq [eval|e] EXPR [FILE...]`,
 * -o json|yaml, -i in place, -r unwrap scalars (default), -n null input, -P pretty.
 */
import { parseAllDocuments, stringify } from 'yaml';
import type { Program } from '../command';
import { errorText } from './lib/io';
import { parseJq, JqSyntaxError, type Ast } from './jq/parse';
import { JqEvaluator, JqError } from './jq/eval';

function toYaml(v: unknown): string {
  if (v === null || v === undefined) return 'null\n';
  if (typeof v !== 'object') return (typeof v === 'string' ? v : String(v)) + '\n';
  return stringify(v, { lineWidth: 0 });
}

export const yq: Program = async (ctx) => {
  let argv = ctx.argv.slice(1);
  if (argv[0] === 'eval' || argv[0] === 'e') argv = argv.slice(1);
  let output = 'yaml';
  let inPlace = false;
  let nullInput = false;
  let expr: string | undefined;
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-o' || a === '--output-format') output = argv[++i] ?? 'yaml';
    else if (a.startsWith('-o=') || a.startsWith('--output-format=')) output = a.slice(a.indexOf('=') + 1);
    else if (a === '-oj' || a === '-ojson') output = 'json';
    else if (a === '-i' || a === '--inplace') inPlace = true;
    else if (a === '-n' || a === '--null-input') nullInput = true;
    else if (a === '-r' || a === '-P' || a === '--prettyPrint' || a === '-e' || a === '--unwrapScalar') continue;
    else if (a.startsWith('-') && a.length > 1) {
      ctx.stderr.write(`Error: unknown shorthand flag: '${a[1]}' in ${a}\nUsage:\n  yq [flags]\n  yq [command]\n`);
      return 1;
    } else if (expr === undefined) expr = a;
    else files.push(a);
  }
  if (expr === undefined) expr = '.';
  if (output === 'j') output = 'json';
  if (output === 'y') output = 'yaml';
  let ast: Ast;
  try {
    ast = parseJq(expr);
  } catch (e) {
    if (e instanceof JqSyntaxError) {
      ctx.stderr.write(`Error: ${e.message.replace('syntax error, ', '')}\n`);
      return 1;
    }
    throw e;
  }
  const ev = new JqEvaluator(ctx.env);
  const sources: { name: string; text: string }[] = [];
  if (nullInput) sources.push({ name: '', text: 'null' });
  else if (!files.length) sources.push({ name: '-', text: await ctx.stdin.readAll() });
  for (const f of files) {
    try {
      sources.push({ name: f, text: ctx.fs.readFile(f) });
    } catch (e) {
      ctx.stderr.write(`Error: open ${f}: ${errorText(e).toLowerCase()}\n`);
      return 1;
    }
  }
  for (const s of sources) {
    const docs = parseAllDocuments(s.text);
    const results: unknown[][] = [];
    for (const d of Array.isArray(docs) ? docs : [docs]) {
      if (d.errors.length) {
        ctx.stderr.write(`Error: bad file '${s.name}': ${d.errors[0].message.split('\n')[0]}\n`);
        return 1;
      }
      try {
        results.push(ev.eval(ast, d.toJS(), new Map()));
      } catch (e) {
        if (e instanceof JqError) {
          ctx.stderr.write(`Error: ${e.message}\n`);
          return 1;
        }
        throw e;
      }
    }
    const render = (v: unknown) => (output === 'json' ? JSON.stringify(v, null, 2) + '\n' : toYaml(v));
    const text = results.map((vals) => vals.map(render).join('')).join('---\n');
    if (inPlace && s.name !== '-') ctx.fs.writeFile(s.name, text);
    else ctx.stdout.write(text);
  }
  return 0;
};
