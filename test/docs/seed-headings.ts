/**
 * Headings of the study notes in ../shared/seeds. The notes come in three shapes (declared per file
 * in docs/seed-topics.yaml): markdown headings, numbered section lines, or plain text where headings
 * are short stand-alone lines.
 */
export type SeedFormat = 'markdown' | 'numbered' | 'plain';

const cjk = /[\u3400-\u9fff]/;
/** Characters that mark a sentence, a command or a list item rather than a title. */
const notInPlainTitle = /[：:，,。()（）=|/'"<>]/;
const plainTitleMaxLength = 20;

function markdownHeadings(text: string): string[] {
  const headings: string[] = [];
  let inFence = false;
  for (const line of text.split('\n')) {
    if (line.trimStart().startsWith('```')) {
      inFence = !inFence;
      continue;
    }
    if (inFence) continue;
    const match = /^#{1,6}\s+(.+?)\s*#*\s*$/.exec(line);
    if (match) headings.push(match[1].trim());
  }
  return headings;
}

function numberedHeadings(text: string): string[] {
  // "11.1.3.API服务器" (two or more numbers) or "2.1 安装docker" / "4 总结" (numbers then a space).
  const numbered = /^(\d+\.\d+(\.\d+)*\.?\s*\S|\d+(\.\d+)*\s+\S)/;
  return text
    .split('\n')
    .filter((line) => numbered.test(line))
    .map((line) => line.trim());
}

function plainHeadings(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(
      (line) =>
        line.length > 0 &&
        line.length <= plainTitleMaxLength &&
        cjk.test(line) &&
        !/^[-#/]/.test(line) &&
        !notInPlainTitle.test(line),
    );
}

const parsers: Record<SeedFormat, (text: string) => string[]> = {
  markdown: markdownHeadings,
  numbered: numberedHeadings,
  plain: plainHeadings,
};

/** Distinct headings in order of first appearance. */
export function seedHeadings(text: string, format: SeedFormat): string[] {
  return [...new Set(parsers[format](text))];
}
