/** `openssl req -new` without -subj asks for the name on the terminal (prompts on stderr, answers on stdin). */
import type { CommandContext } from '../../shell/command';
import type { DistinguishedName } from '../../sim/pki/cert';
import { nameFromAttributes } from './req-name';

const INTRO =
  'You are about to be asked to enter information that will be incorporated\n' +
  'into your certificate request.\n' +
  'What you are about to enter is what is called a Distinguished Name or a DN.\n' +
  'There are quite a few fields but you can leave some blank\n' +
  'For some fields there will be a default value,\n' +
  "If you enter '.', the field will be left blank.\n" +
  '-----\n';

/** The fields of the default openssl.cnf [req_distinguished_name], with their defaults. */
const FIELDS: { type: string; prompt: string; fallback: string }[] = [
  { type: 'C', prompt: 'Country Name (2 letter code) [AU]:', fallback: 'AU' },
  { type: 'ST', prompt: 'State or Province Name (full name) [Some-State]:', fallback: 'Some-State' },
  { type: 'L', prompt: 'Locality Name (eg, city) []:', fallback: '' },
  { type: 'O', prompt: 'Organization Name (eg, company) [Internet Widgits Pty Ltd]:', fallback: 'Internet Widgits Pty Ltd' },
  { type: 'OU', prompt: 'Organizational Unit Name (eg, section) []:', fallback: '' },
  { type: 'CN', prompt: 'Common Name (e.g. server FQDN or YOUR name) []:', fallback: '' },
  { type: 'emailAddress', prompt: 'Email Address []:', fallback: '' },
];

/** Reads answers a line at a time, so a terminal user sees each prompt before typing. */
function lineReader(ctx: CommandContext): () => Promise<string | null> {
  let buffer = '';
  let ended = false;
  return async () => {
    while (!buffer.includes('\n') && !ended) {
      const chunk = await ctx.stdin.read();
      if (chunk === null) ended = true;
      else buffer += chunk;
    }
    if (!buffer) return null;
    const nl = buffer.indexOf('\n');
    const line = nl < 0 ? buffer : buffer.slice(0, nl);
    buffer = nl < 0 ? '' : buffer.slice(nl + 1);
    return line;
  };
}

export async function promptSubject(ctx: CommandContext): Promise<DistinguishedName> {
  const next = lineReader(ctx);
  ctx.stderr.write(INTRO);
  const attributes: [string, string][] = [];
  for (const f of FIELDS) {
    ctx.stderr.write(f.prompt);
    const answer = (await next()) ?? '';
    const value = answer === '' ? f.fallback : answer === '.' ? '' : answer;
    if (value) attributes.push([f.type, value]);
  }
  ctx.stderr.write("\nPlease enter the following 'extra' attributes\nto be sent with your certificate request\n");
  for (const p of ['A challenge password []:', 'An optional company name []:']) {
    ctx.stderr.write(p);
    await next();
  }
  return nameFromAttributes(attributes);
}
