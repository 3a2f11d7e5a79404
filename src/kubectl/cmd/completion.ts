/** kubectl completion SHELL (scripts recorded from kubectl 1.33) and kubectl plugin list. */
import { raw, usageError } from '../errors';
import type { Invocation } from '../invocation';
import { register } from './registry';

async function completion(inv: Invocation): Promise<number> {
  const args = inv.flags.args;
  if (args.length === 0) throw usageError('completion', 'Shell not specified.');
  if (args.length > 1) throw usageError('completion', 'Too many arguments. Expected only the shell type.');
  const mod = (await import('../help/completion-data.json')) as unknown as { default?: Record<string, string> } & Record<string, string>;
  const scripts = (mod.default ?? mod) as Record<string, string>;
  const script = scripts[args[0]];
  if (script === undefined) throw usageError('completion', `Unsupported shell type "${args[0]}".`);
  inv.out(script);
  return 0;
}

function pluginList(inv: Invocation): number {
  const path = (inv.ctx.env.PATH ?? '').split(':').filter(Boolean);
  const found: string[] = [];
  for (const dir of path) {
    let names: string[] = [];
    try {
      names = inv.ctx.fs.readdir(dir);
    } catch {
      continue;
    }
    for (const n of names) if (n.startsWith('kubectl-')) found.push(`${dir}/${n}`);
  }
  if (found.length === 0) throw raw('error: unable to find any kubectl plugins in your PATH');
  inv.out(`The following compatible plugins are available:\n\n${found.join('\n')}\n`);
  return 0;
}

register('completion', completion);
register('plugin list', pluginList);
