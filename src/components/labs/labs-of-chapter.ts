/** The labs that belong to a chapter (their lab.yaml says `chapter: <slug>`), in id order, at build time. */
import { parse } from 'yaml';

const files = import.meta.glob<string>('/labs/*/lab.yaml', { query: '?raw', import: 'default', eager: true });

export function labsOfChapter(slug: string): string[] {
  const ids: string[] = [];
  for (const [path, text] of Object.entries(files)) {
    try {
      const data = parse(text) as { id?: string; chapter?: string };
      if (data?.chapter === slug) ids.push(data.id ?? path.split('/')[2]);
    } catch {
      // a broken lab file is reported by the lab loader's own tests
    }
  }
  return ids.sort();
}
