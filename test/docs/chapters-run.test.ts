/**
 * The doc test: every runnable block of every chapter (```bash), in order, typed into an interactive
 * terminal session on the chapter's scenario, as a learner would paste it. A block fails on `command
 * not found`, an unknown flag or command, a feature the simulator lacks, or a non-zero status that the
 * text does not announce. A command that is meant to fail says so with a trailing comment, as a
 * learner would read it in a transcript: `kubectl auth can-i delete pods  # exit 1`.
 *
 * Chapters whose simulator support is still being built are listed in PENDING with the reason. The
 * list may only shrink: a pending chapter that runs cleanly fails this test until it is removed.
 */
import { describe, expect, it } from 'vitest';
import { runChapter } from './run-chapter';
import { loadRunnableChapters } from './runnable-blocks';

const PENDING: Record<string, string> = {};

describe('chapters run in their terminal', () => {
  for (const chapter of loadRunnableChapters('en')) {
    const pending = PENDING[chapter.chapter];
    it(`${chapter.chapter}${pending ? ' (pending)' : ''}`, async () => {
      expect(chapter.scenario, `${chapter.file} names no scenario`).toMatch(/^(cluster|machines|upgrade)$/);
      const problems = await runChapter(chapter.scenario, chapter.host ?? 'cka01', chapter.blocks);
      if (pending) {
        expect(problems.length, `${chapter.chapter} runs cleanly now: remove it from PENDING`).toBeGreaterThan(0);
      } else {
        expect(problems, `blocks of ${chapter.file} that fail`).toEqual([]);
      }
    });
  }

  it('the pending list names only chapters that exist', () => {
    const names = new Set(loadRunnableChapters('en').map((c) => c.chapter));
    for (const name of Object.keys(PENDING)) expect(names.has(name), name).toBe(true);
  });
});
