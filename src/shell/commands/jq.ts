/**
 * jq (a useful subset of jq 1.6): paths, iteration, pipes, select/map/keys/length and most common
 * builtins, assignment, -r -c -n -s -e -S -j -a --arg --argjson --tab --indent -R.
 * Exit 2 for bad JSON input, 3 for a filter that does not compile, 5 for run-time errors.
 */
import type { Program } from '../command';
import { errorText } from './lib/io';
import { parseJq, JqSyntaxError, type Ast } from './jq/parse';
import { JqEvaluator, JqError, JqOutOfMemory, TICK, undefinedCall } from './jq/eval';
import { TimeSlice } from '../exec/time-slice';
import { PIPE_CAPACITY } from '../exec/streams';
import { formatJson, JsonStreamError, parseJsonStream } from './jq/io';

export const jq: Program = async (ctx) => {
  const argv = ctx.argv.slice(1);
  const flags = new Set<string>();
  const vars = new Map<string, unknown>();
  let filter: string | undefined;
  const files: string[] = [];
  let indent = '  ';
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--arg' || a === '--argjson') {
      const name = argv[++i];
      const val = argv[++i];
      if (name === undefined || val === undefined) {
        ctx.stderr.write(`jq: error: ${a} takes two parameters (e.g. ${a} varname value)\nUse jq --help for help with command-line options,\nor see the jq manpage, or online docs  at https://stedolan.github.io/jq\n`);
        return 2;
      }
      if (a === '--arg') vars.set(name, val);
      else {
        try {
          vars.set(name, JSON.parse(val));
        } catch {
          ctx.stderr.write(`jq: Invalid JSON text passed to --argjson\nUse jq --help for help with command-line options,\nor see the jq manpage, or online docs  at https://stedolan.github.io/jq\n`);
          return 2;
        }
      }
    } else if (a === '--indent') indent = ' '.repeat(Number(argv[++i] ?? 2));
    else if (a === '--tab') indent = '\t';
    else if (a.startsWith('--')) {
      const long: Record<string, string> = { '--raw-output': 'r', '--compact-output': 'c', '--null-input': 'n', '--slurp': 's', '--exit-status': 'e', '--sort-keys': 'S', '--join-output': 'j', '--ascii-output': 'a', '--raw-input': 'R', '--monochrome-output': 'M', '--color-output': 'C' };
      if (!long[a]) {
        ctx.stderr.write(`jq: Unknown option: ${a}\nUse jq --help for help with command-line options,\nor see the jq manpage, or online docs  at https://stedolan.github.io/jq\n`);
        return 2;
      }
      flags.add(long[a]);
    } else if (a.startsWith('-') && a.length > 1) {
      for (const c of a.slice(1)) {
        if (!'rcnseSjaRMC'.includes(c)) {
          ctx.stderr.write(`jq: Unknown option: ${a}\nUse jq --help for help with command-line options,\nor see the jq manpage, or online docs  at https://stedolan.github.io/jq\n`);
          return 2;
        }
        flags.add(c);
      }
    } else if (filter === undefined) filter = a;
    else files.push(a);
  }
  if (filter === undefined) {
    ctx.stderr.write(`Usage:\tjq [OPTIONS] FILTER [FILES...]\n\tjq [OPTIONS] --args FILTER [ARGUMENTS...]\n\tjq [OPTIONS] --jsonargs FILTER [JSON_VALUES...]\n\njq is a tool for processing JSON inputs, applying the given filter to\nits JSON text inputs and producing the filter's results as JSON on\nstandard output.\n\nUse jq --help for help with command-line options,\nor see the jq manpage, or online docs  at https://stedolan.github.io/jq\n`);
    return 2;
  }
  let ast: Ast;
  try {
    ast = parseJq(filter);
    const undef = undefinedCall(ast);
    if (undef) throw new JqSyntaxError(`${undef} is not defined`);
  } catch (e) {
    if (e instanceof JqSyntaxError) {
      const hint = e.message.startsWith('syntax error') ? ' (Unix shell quoting issues?)' : '';
      // jq shows the program text; at end of input its lexer has consumed one more character.
      const shown = e.message.includes('$end') ? filter + ' ' : filter;
      ctx.stderr.write(`jq: error: ${e.message}${hint} at <top-level>, line 1:\n${shown}\njq: 1 compile error\n`);
      return 3;
    }
    throw e;
  }
  // Read inputs.
  const sources: { name: string; text: string }[] = [];
  if (!flags.has('n') || files.length) {
    if (!files.length) sources.push({ name: '<stdin>', text: await ctx.stdin.readAll() });
    for (const f of files) {
      try {
        sources.push({ name: f, text: ctx.fs.readFile(f) });
      } catch (e) {
        ctx.stderr.write(`jq: error: Could not open file ${f}: ${errorText(e)}\n`);
        return 2;
      }
    }
  }
  let inputs: { value: unknown; where: string }[] = [];
  let inputError: string | null = null;
  for (const s of sources) {
    if (flags.has('R')) {
      const lines = s.text.split('\n');
      if (lines[lines.length - 1] === '') lines.pop();
      inputs.push(...lines.map((l, i) => ({ value: l, where: `${s.name}:${i + 1}` })));
      continue;
    }
    try {
      inputs.push(...parseJsonStream(s.text).map((v) => ({ value: v.value, where: `${s.name}:${v.endLine}` })));
    } catch (e) {
      if (e instanceof JsonStreamError) {
        inputError = `jq: error (at ${s.name}:${s.text.split('\n').length - 1}): ${e.message}`;
        inputError = `parse error: ${e.message}`;
        break;
      }
      throw e;
    }
  }
  if (flags.has('s')) inputs = [{ value: flags.has('R') ? inputs.map((i) => i.value).join('\n') : inputs.map((i) => i.value), where: '<stdin>:0' }];
  if (flags.has('n')) inputs = [{ value: null, where: '<unknown>' }];
  const ev = new JqEvaluator(ctx.env);
  const opts = { raw: flags.has('r') || flags.has('j'), compact: flags.has('c'), indent, sortKeys: flags.has('S'), ascii: flags.has('a') };
  let status = 0;
  let last: unknown = undefined;
  let out = '';
  // Outputs go on as they come (`jq -n 'repeat(1)' | head -3`), and a filter that loops on lets
  // Ctrl-C in now and then (`jq -n 'until(false; .)'`).
  const slice = new TimeSlice(ctx.signal);
  for (const input of inputs) {
    try {
      for (const v of ev.outputs(ast, input.value, vars)) {
        if (v !== TICK) {
          out += formatJson(v, opts) + (flags.has('j') ? '' : '\n');
          last = v;
        }
        const turn = slice.step();
        if (!turn && out.length < PIPE_CAPACITY) continue;
        ctx.stdout.write(out);
        out = '';
        const full = ctx.stdout.drain?.();
        if (full) await full;
        if (turn && (await turn)) return 130;
      }
    } catch (e) {
      if (e instanceof JqError) {
        ctx.stdout.write(out);
        out = '';
        ctx.stderr.write(`jq: error (at ${input.where}): ${e.message}\n`);
        status = 5;
        continue;
      }
      if (e instanceof JqOutOfMemory) {
        // jq aborts (SIGABRT): nothing after this runs.
        ctx.stdout.write(out);
        ctx.stderr.write('error: cannot allocate memory\n');
        return 134;
      }
      if (e instanceof RangeError) {
        ctx.stderr.write(`jq: error (at ${input.where}): stack overflow\n`);
        status = 5;
        continue;
      }
      throw e;
    }
  }
  ctx.stdout.write(out);
  if (inputError) {
    ctx.stderr.write(inputError + '\n');
    // jq 1.6 reports a bad input with status 2 once something was printed, 4 otherwise.
    return last === undefined ? 4 : 2;
  }
  if (status) return status;
  if (flags.has('e')) return last === undefined ? 4 : last === null || last === false ? 1 : 0;
  return 0;
};
