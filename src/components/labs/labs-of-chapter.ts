/**
 * The labs that belong to a chapter (their lab.yaml says `chapter: <slug>`), in id order, at build
 * time. Every lab file is validated here: a broken lab fails the site build with its file, line and
 * field, before any learner could open it.
 */
import { formatLabErrors, parseLab } from '../../labs/loader';

const files = import.meta.glob<string>('/labs/*/lab.yaml', { query: '?raw', import: 'default', eager: true });

const labs = Object.entries(files).map(([path, text]) => {
  const parsed = parseLab(path.slice(1), text);
  if (!parsed.ok) throw new Error(`invalid lab file:\n${formatLabErrors(parsed.errors)}`);
  return parsed.lab;
});

export function labsOfChapter(slug: string): string[] {
  return labs
    .filter((lab) => lab.chapter === slug)
    .map((lab) => lab.id)
    .sort();
}
