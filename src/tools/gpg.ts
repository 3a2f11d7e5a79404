/** gpg --dearmor (the one use the install guides make of gpg) and apt-key add (legacy guides). */
import type { Program } from '../shell/command';
import { FsError } from '../shell/command';
import { dearmor, isArmored } from '../sim/packages/keys';

export const gpg: Program = async (ctx) => {
  const argv = ctx.argv.slice(1);
  let output: string | undefined;
  let yes = false;
  let mode: string | undefined;
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-o' || a === '--output') output = argv[++i];
    else if (a.startsWith('--output=')) output = a.slice(9);
    else if (a === '--yes' || a === '--batch') yes = true;
    else if (a === '--dearmor' || a === '--dearmour' || a === '--enarmor') mode = a;
    else if (a === '--version') {
      ctx.stdout.write('gpg (GnuPG) 2.2.27\nlibgcrypt 1.9.4\nCopyright (C) 2021 Free Software Foundation, Inc.\nLicense GNU GPL-3.0-or-later <https://gnu.org/licenses/gpl.html>\nThis is free software: you are free to change and redistribute it.\nThere is NO WARRANTY, to the extent permitted by law.\n\nHome: /root/.gnupg\nSupported algorithms:\nPubkey: RSA, ELG, DSA, ECDH, ECDSA, EDDSA\n');
      return 0;
    } else if (a.startsWith('-')) continue;
    else files.push(a);
  }
  if (!mode) {
    ctx.stderr.write('gpg: WARNING: no command supplied.  Trying to guess what you mean ...\ngpg: no valid OpenPGP data found.\n');
    return 2;
  }
  let input: string;
  try {
    input = files[0] && files[0] !== '-' ? ctx.fs.readFile(files[0]) : await ctx.stdin.readAll();
  } catch {
    ctx.stderr.write(`gpg: can't open '${files[0]}': No such file or directory\ngpg: dearmoring failed: No such file or directory\n`);
    return 2;
  }
  const binary = isArmored(input) ? dearmor(input) : null;
  if (!binary) {
    // Not armored (an HTML error page, an empty download): gpg still writes nothing useful.
    ctx.stderr.write('gpg: no valid OpenPGP data found.\ngpg: dearmoring failed: Unknown system error\n');
    return 2;
  }
  if (!output || output === '-') {
    ctx.stdout.write(binary);
    return 0;
  }
  if (ctx.fs.stat(output) && !yes) {
    // gpg asks on the terminal; with its input on a pipe it cannot, and gives up.
    ctx.stderr.write(`File '${ctx.fs.resolve(output)}' exists. Overwrite? (y/N) \ngpg: cannot open '/dev/tty': No such device or address\n`);
    return 2;
  }
  try {
    ctx.fs.writeFile(output, binary);
  } catch (e) {
    const why = e instanceof FsError && e.code === 'ENOENT' ? 'No such file or directory' : 'Permission denied';
    ctx.stderr.write(`gpg: can't create '${output}': ${why}\ngpg: dearmoring failed: ${why}\n`);
    return 2;
  }
  return 0;
};

export const aptKey: Program = async (ctx) => {
  const [cmd, file] = ctx.argv.slice(1).filter((a) => !a.startsWith('-') || a === '-');
  ctx.stderr.write('Warning: apt-key is deprecated. Manage keyring files in trusted.gpg.d instead (see apt-key(8)).\n');
  if (cmd !== 'add') {
    if (cmd === 'list') return 0;
    ctx.stderr.write('Usage: apt-key [--keyring file] [command] [arguments]\n');
    return 1;
  }
  if (ctx.user.uid !== 0) {
    ctx.stderr.write('ERROR: This command can only be used by root.\n');
    return 1;
  }
  let input: string;
  try {
    input = !file || file === '-' ? await ctx.stdin.readAll() : ctx.fs.readFile(file);
  } catch {
    ctx.stderr.write(`gpg: can't open '${file}': No such file or directory\n`);
    return 2;
  }
  const binary = isArmored(input) ? dearmor(input) : null;
  if (!binary) {
    ctx.stderr.write('gpg: no valid OpenPGP data found.\n');
    return 2;
  }
  let existing = '';
  try {
    existing = ctx.fs.readFile('/etc/apt/trusted.gpg');
  } catch {
    /* first key */
  }
  ctx.fs.writeFile('/etc/apt/trusted.gpg', existing + binary);
  ctx.stdout.write('OK\n');
  return 0;
};
