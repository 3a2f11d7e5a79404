/**
 * kubectl's interactive client config: over https, a user with no credentials at all (a context
 * naming a missing user, a user entry without token or certificate) is asked for them on stdout,
 * "Please enter Username: " read as one word from stdin, then "Please enter Password: " read from
 * the terminal only. End of input is "error: EOF"; a password without a terminal is an error too.
 */
import { raw } from '../errors';
import type { Invocation } from '../invocation';
import { session, usePromptedCredentials } from './session';

/** Commands that never build a client, so never prompt. */
const NO_CLIENT = /^(config|completion|kustomize|plugin|options|help)( |$)/;

/** fmt.Fscan of one word: leading white space skipped, the word ends at white space or end of input. */
async function scanWord(inv: Invocation): Promise<string | null> {
  let word = '';
  for (;;) {
    const chunk = await inv.ctx.stdin.read();
    if (chunk === null) return word || null;
    for (const ch of chunk) {
      if (/\s/.test(ch)) {
        if (word) return word;
      } else word += ch;
    }
  }
}

async function readLine(inv: Invocation): Promise<string | null> {
  let line = '';
  for (;;) {
    const chunk = await inv.ctx.stdin.read();
    if (chunk === null) return line || null;
    const nl = chunk.indexOf('\n');
    if (nl >= 0) return line + chunk.slice(0, nl);
    line += chunk;
  }
}

/** Before a command runs: prompt when its client config needs credentials. */
export async function promptForCredentials(inv: Invocation): Promise<void> {
  if (NO_CLIENT.test(inv.path) || (inv.path === 'version' && inv.flags.bool('client'))) return;
  let needs: boolean;
  try {
    needs = session(inv).config.needsCredentials;
  } catch {
    return; // the command meets the configuration error itself, where kubectl does
  }
  if (!needs) return;
  inv.out('Please enter Username: ');
  const username = await scanWord(inv);
  if (username === null) throw raw('error: EOF');
  inv.out('Please enter Password: ');
  if (!inv.ctx.stdinIsTTY) throw raw('error: error reading input for Password');
  // term.ReadPassword: the terminal stops echoing while the password is typed.
  const keyboard = inv.ctx.stdin as { echo?: boolean };
  const echoes = 'echo' in keyboard;
  if (echoes) keyboard.echo = false;
  let password: string;
  try {
    password = (await readLine(inv)) ?? '';
  } finally {
    if (echoes) keyboard.echo = true;
  }
  usePromptedCredentials(inv, { username, password });
}
