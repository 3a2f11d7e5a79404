/** OpenSSL config files (openssl.cnf, csr.conf, -extfile): sections of `name = value` lines, in order. */

export type ConfSections = Map<string, [string, string][]>;

/** Lines before the first [section] go to 'default'. */
export function parseConf(text: string): ConfSections {
  const sections: ConfSections = new Map([['default', []]]);
  let current = sections.get('default')!;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (!line) continue;
    const head = /^\[\s*([^\]]+?)\s*\]$/.exec(line);
    if (head) {
      current = sections.get(head[1]) ?? [];
      sections.set(head[1], current);
      continue;
    }
    const eq = line.indexOf('=');
    if (eq > 0) current.push([line.slice(0, eq).trim(), line.slice(eq + 1).trim()]);
  }
  return sections;
}

export function confValue(sections: ConfSections, section: string, key: string): string | undefined {
  return sections.get(section)?.find(([k]) => k === key)?.[1];
}
