/**
 * Replays a chapter's runnable blocks in an interactive session on its scenario and lists the commands
 * that fail (a status the text does not announce with `# exit N`, or an unsupported command/flag).
 * A command whose output the chapter quotes says so with `# shows: TEXT`: it must print TEXT, which
 * may then contain what would otherwise count as failure (a component's own `unknown flag` error).
 * Used by the doc test and by `npx tsx scripts/docs/run-chapter.ts CHAPTER`.
 */
import { bootWorld, openSystemSession } from '../../src/runtime/session';

const FAILURE = /command not found|unknown flag|unknown command|unknown shorthand flag|is not available in this simulated|not supported in this simulated/;

/** Split a block into the complete commands bash would read, one after the other. */
function* commandsOf(block: string, isComplete: (text: string) => boolean): Generator<string> {
  let pending = '';
  for (const line of block.replace(/\n$/, '').split('\n')) {
    pending += `${line}\n`;
    if (isComplete(pending)) {
      if (pending.trim()) yield pending;
      pending = '';
    }
  }
  if (pending.trim()) yield pending;
}

export async function runChapter(scenario: string, host: string, blocks: string[]): Promise<string[]> {
  const world = bootWorld(scenario);
  let out = '';
  const session = openSystemSession(world, {
    host,
    user: 'root',
    mode: 'interactive',
    stdout: { write: (s) => void (out += s) },
    stderr: { write: (s) => void (out += s) },
  });
  await session.ready;
  const problems: string[] = [];
  for (const block of blocks) {
    for (const command of commandsOf(block, (t) => session.isComplete(t))) {
      out = '';
      const status = await session.run(command);
      const announced = Number(/#\s*exit\s+(\d+)\s*$/m.exec(command)?.[1] ?? 0);
      const shown = /#\s*shows:\s*(.+?)\s*$/m.exec(command)?.[1];
      const missing = shown !== undefined && !out.includes(shown);
      if (status !== announced || missing || FAILURE.test(shown === undefined ? out : out.split(shown).join(''))) {
        problems.push(`exit ${status}: ${command.trim().split('\n')[0]}\n    ${out.trim().split('\n').slice(-3).join('\n    ')}`);
      }
    }
  }
  return problems;
}

