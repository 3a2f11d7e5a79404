import { describe, expect, it } from 'vitest';
import { t, toLang, uiStrings, type UiKey } from '../../src/i18n/ui';
import { CHAPTER_NAMES } from '../../src/i18n/chapters';
import { starlightTranslations } from '../../src/i18n/starlight-translations';
import { CHAPTER_SLUGS } from '../../scripts/site/chapters';

describe('UI strings', () => {
  it('has every key, non-empty, in both languages', () => {
    const en = uiStrings('en');
    const zh = uiStrings('zh-CN');
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    for (const key of Object.keys(en) as UiKey[]) {
      expect(en[key].trim(), key).not.toBe('');
      expect(zh[key].trim(), key).not.toBe('');
      // Same placeholders on both sides.
      expect(zh[key].match(/\{\w+\}/g)?.sort() ?? [], key).toEqual(en[key].match(/\{\w+\}/g)?.sort() ?? []);
    }
  });

  it('fills placeholders and keeps unknown ones visible', () => {
    expect(t('en', 'labs.status.progress', { done: 1, total: 4 })).toBe('1 of 4 tasks');
    expect(t('zh-CN', 'labs.status.progress', { done: 1 })).toContain('{total}');
  });

  it('maps BCP-47 tags to our two languages', () => {
    expect(toLang('zh-CN')).toBe('zh-CN');
    expect(toLang('zh')).toBe('zh-CN');
    expect(toLang('en')).toBe('en');
    expect(toLang(undefined)).toBe('en');
  });

  it('names every chapter in both languages', () => {
    expect(Object.keys(CHAPTER_NAMES).sort()).toEqual([...CHAPTER_SLUGS].sort());
    for (const names of Object.values(CHAPTER_NAMES)) {
      expect(names.en).toMatch(/\w/);
      expect(names['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('translates the Starlight strings that 0.37 leaves in English for zh-CN', () => {
    const zh = starlightTranslations['zh-CN'];
    expect(zh['heading.anchorLabel']).toContain('{{title}}');
    for (const value of Object.values(zh)) expect(value).toMatch(/[\u4e00-\u9fff]/);
  });
});
