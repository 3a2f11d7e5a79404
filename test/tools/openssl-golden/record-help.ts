/**
 * Writes src/tools/openssl/help-text.ts from the real openssl: `openssl help` and each simulated
 * subcommand's `-help` (both print to stderr). Usage: npx tsx test/tools/openssl-golden/record-help.ts
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const SUBCOMMANDS = ['x509', 'req', 'verify', 'genrsa', 'rsa', 'pkey', 'dgst', 'rand', 'version'];
const stderrOf = (args: string[]) => spawnSync('openssl', args, { encoding: 'utf8' }).stderr;

const usage: Record<string, string> = {};
for (const name of SUBCOMMANDS) usage[name] = stderrOf([name, '-help']);

const out =
  '/** `openssl help` and each subcommand\'s `-help`, recorded from the real program by test/tools/openssl-golden/record-help.ts. */\n' +
  `export const HELP_TEXT = ${JSON.stringify(stderrOf(['help']))};\n\n` +
  `export const USAGE: Record<string, string> = ${JSON.stringify(usage, null, 2)};\n`;
writeFileSync(join(import.meta.dirname, '../../../src/tools/openssl/help-text.ts'), out);
console.log(`help-text.ts: ${SUBCOMMANDS.length} usages`);
