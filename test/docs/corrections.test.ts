/**
 * docs/corrections.md is honest and complete: every row quotes text that really is in the named seed,
 * points at a chapter section that exists in both locales, and the corrections the course promises
 * (the known errors of the notes) are all listed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chapterExists, headingIds, locales, readChapter, repoRoot, scanMarkdown, sharedDir, splitFrontmatter } from './chapters';

interface Correction {
  number: number;
  seed: string;
  wrong: string;
  correct: string;
  chapter: string;
  anchor: string;
}

/** Splits a GFM table row on unescaped pipes and unescapes `\|`. */
function tableCells(row: string): string[] {
  const cells: string[] = [];
  let current = '';
  for (let index = 0; index < row.length; index++) {
    const char = row[index];
    if (char === '\\' && row[index + 1] === '|') {
      current += '|';
      index++;
    } else if (char === '|') {
      cells.push(current.trim());
      current = '';
    } else {
      current += char;
    }
  }
  cells.push(current.trim());
  return cells.slice(1, -1);
}

function firstCodeSpan(cell: string): string {
  const match = /`([^`]+)`/.exec(cell);
  return match ? match[1] : '';
}

function normalise(text: string): string {
  return text.replace(/\s+/g, ' ');
}

function parseCorrections(markdown: string): Correction[] {
  return markdown
    .split('\n')
    .filter((line) => /^\|\s*\d+\s*\|/.test(line))
    .map((line) => {
      const [number, seed, wrong, correct, target] = tableCells(line);
      const [chapter, anchor = ''] = target.split('#');
      return { number: Number(number), seed, wrong: firstCodeSpan(wrong), correct, chapter, anchor };
    });
}

const corrections = parseCorrections(readFileSync(join(repoRoot, 'docs', 'corrections.md'), 'utf8'));
const seedText = (name: string) => normalise(readFileSync(join(sharedDir, 'seeds', name), 'utf8'));

/** The errors the course must teach correctly (from the task), each identified by a piece of the quote. */
const required = [
  'kubectl upgrade node',
  'daemon_reload',
  'kebelet',
  'kubelet=1.20.4-00 kubectl=1.21.0-00',
  'CronJob',
  '/api/v1/deployments',
  '加密了',
  'kubernetes-charts.storage.googleapis.com',
  'kubernetes-dashboard-token',
  '--control-plane --certificate-key',
  '10251',
  '10252',
  'net.bridge',
];

describe('table parsing', () => {
  it('splits cells on pipes but keeps escaped pipes inside a cell', () => {
    expect(tableCells('| 1 | a `x \\| y` | b |')).toEqual(['1', 'a `x | y`', 'b']);
  });
});

describe('docs/corrections.md', () => {
  it('lists corrections numbered from 1 without gaps', () => {
    expect(corrections.length).toBeGreaterThan(20);
    expect(corrections.map((correction) => correction.number)).toEqual(corrections.map((_, index) => index + 1));
  });

  it('covers every required correction', () => {
    for (const piece of required) {
      expect(corrections.some((correction) => correction.wrong.includes(piece)), piece).toBe(true);
    }
  });

  for (const correction of corrections) {
    it(`#${correction.number} quotes its seed and points at an existing section`, () => {
      expect(correction.wrong.length).toBeGreaterThan(0);
      expect(seedText(correction.seed)).toContain(normalise(correction.wrong));
      expect(correction.correct.length).toBeGreaterThan(10);
      for (const locale of locales) expect(chapterExists(correction.chapter, locale), `${correction.chapter} (${locale})`).toBe(true);
      const { headings } = scanMarkdown(splitFrontmatter(readChapter(correction.chapter, 'en')).body);
      expect(headingIds(headings).has(correction.anchor), `${correction.chapter}#${correction.anchor}`).toBe(true);
    });
  }
});
