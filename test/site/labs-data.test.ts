import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parse } from 'yaml';
import {
  labDirId,
  parseProgress,
  progressLabel,
  progressState,
  summarizeLab,
  tidyCjkSpacing,
} from '../../src/components/site/labs-data';

const strings = { notStarted: 'not started', done: 'done', progress: '{done} of {total} tasks' };

describe('summarizeLab', () => {
  it('reads id, title, description, chapter and task count in the page language', () => {
    const lab = {
      id: 'demo',
      title: { en: 'Demo', 'zh-CN': '演示' },
      description: { en: ' Text ', 'zh-CN': '说明' },
      chapter: 'resources',
      tasks: [{}, {}],
    };
    expect(summarizeLab(lab, 'dir', 'en')).toEqual({ id: 'demo', title: 'Demo', description: 'Text', chapter: 'resources', tasks: 2 });
    expect(summarizeLab(lab, 'dir', 'zh-CN')?.title).toBe('演示');
  });

  it('falls back to the folder name and English, and rejects non-objects', () => {
    expect(summarizeLab({ title: { en: 'Only English' } }, 'dir', 'zh-CN')).toEqual({
      id: 'dir',
      title: 'Only English',
      description: undefined,
      chapter: undefined,
      tasks: 0,
    });
    expect(summarizeLab('text', 'dir', 'en')).toBeUndefined();
    expect(summarizeLab([1], 'dir', 'en')).toBeUndefined();
    expect(summarizeLab(null, 'dir', 'en')).toBeUndefined();
  });

  it('summarizes every lab in the repository', () => {
    const labsDir = join(process.cwd(), 'labs');
    let ids: string[] = [];
    try {
      ids = readdirSync(labsDir).filter((d) => existsSync(join(labsDir, d, 'lab.yaml')));
    } catch {
      return; // no labs yet
    }
    for (const id of ids) {
      const text = readFileSync(join(labsDir, id, 'lab.yaml'), 'utf8');
      for (const lang of ['en', 'zh-CN'] as const) {
        const lab = summarizeLab(parse(text), labDirId(`/labs/${id}/lab.yaml`), lang);
        expect(lab?.id).toBe(id);
        expect(lab!.title.length).toBeGreaterThan(0);
        expect(lab!.tasks).toBeGreaterThan(0);
      }
    }
  });
});

describe('tidyCjkSpacing', () => {
  it('drops the spaces YAML folding puts between Chinese characters, and only those', () => {
    expect(tidyCjkSpacing('在每个节点上暴露它， 扩容、滚动')).toBe('在每个节点上暴露它，扩容、滚动');
    expect(tidyCjkSpacing('修好出了 问题的 kube-scheduler')).toBe('修好出了问题的 kube-scheduler');
    expect(tidyCjkSpacing('用 Deployment 运行 nginx')).toBe('用 Deployment 运行 nginx');
    expect(tidyCjkSpacing('run nginx as a Deployment')).toBe('run nginx as a Deployment');
  });
});

describe('progress', () => {
  it('parses the record the lab runtime keeps', () => {
    expect(parseProgress('{"a":{"tasksDone":1,"tasks":3},"b":{"tasksDone":9,"tasks":2}}')).toEqual({
      a: { tasksDone: 1, tasks: 3 },
      b: { tasksDone: 2, tasks: 2 },
    });
  });

  it('treats anything unusable as no progress, never throwing', () => {
    for (const raw of [null, '', 'not json', '[]', '3', '{"a":1}', '{"a":{"tasksDone":"1","tasks":2}}']) {
      expect(Object.keys(parseProgress(raw)).length).toBe(0);
    }
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json()), (raw) => {
        const out = parseProgress(raw);
        for (const entry of Object.values(out)) {
          expect(entry.tasksDone).toBeLessThanOrEqual(entry.tasks);
          expect(entry.tasksDone).toBeGreaterThanOrEqual(0);
        }
      }),
    );
  });

  it('labels each state', () => {
    expect(progressState(undefined)).toBe('not-started');
    expect(progressLabel(undefined, strings)).toBe('not started');
    expect(progressLabel({ tasksDone: 0, tasks: 3 }, strings)).toBe('not started');
    expect(progressLabel({ tasksDone: 2, tasks: 3 }, strings)).toBe('2 of 3 tasks');
    expect(progressLabel({ tasksDone: 3, tasks: 3 }, strings)).toBe('done');
  });
});
