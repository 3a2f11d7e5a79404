/**
 * What varies between two runs of openssl (random keys, serials, signatures, times, hashes, the
 * error queue's thread id) replaced by placeholders, so the real program's layout can be compared
 * with ours line for line. Both the recorder and the test apply the same mask.
 */
export function maskOpensslOutput(text: string): string {
  return text
    .split('\n')
    .map((line) =>
      line
        .replace(/^( +)(?:[0-9a-f]{2}:)+[0-9a-f]{2}:?$/, '$1<hex>')
        .replace(/(?:[0-9A-F]{2}:){15,}[0-9A-F]{2}/g, '<id>')
        .replace(/[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d \d{4} GMT/g, '<date>')
        .replace(/^serial=[0-9A-F]+$/, 'serial=<serial>')
        .replace(/^Modulus=[0-9A-F]+$/, 'Modulus=<hex>')
        .replace(/\b[0-9a-f]{64}\b/g, '<sha256>')
        .replace(/^[0-9A-F]{16}:error:/, '<tid>:error:')
        .replace(/(file_store\.c|bss_file\.c|store_register\.c|store_result\.c|evp_fetch\.c|x509_cmp\.c):\d+/g, '$1:<line>'),
    )
    .join('\n');
}

export interface GoldenCase {
  command: string;
  stdout: string;
  stderr: string;
  status: number;
}

/** `$ command`, the stdout, `# stderr`, the stderr, `# exit N`. */
export function formatCase(c: GoldenCase): string {
  return `$ ${c.command}\n${c.stdout}# stderr\n${c.stderr}# exit ${c.status}\n`;
}

export function parseCase(text: string): GoldenCase {
  const m = /^\$ (.*)\n([\s\S]*?)# stderr\n([\s\S]*?)# exit (\d+)\n$/.exec(text);
  if (!m) throw new Error('not a golden case');
  return { command: m[1], stdout: m[2], stderr: m[3], status: Number(m[4]) };
}
