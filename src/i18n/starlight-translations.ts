/**
 * Strings that Starlight 0.37 ships untranslated for zh-CN (they fall back to English): the code
 * block copy button and the screen-reader label of heading anchors. Injected through a Starlight
 * plugin so they reach both the page chrome and the Markdown pipeline.
 */
export const starlightTranslations: Record<string, Record<string, string>> = {
  'zh-CN': {
    'expressiveCode.copyButtonCopied': '已复制！',
    'expressiveCode.copyButtonTooltip': '复制到剪贴板',
    'expressiveCode.terminalWindowFallbackTitle': '终端窗口',
    'heading.anchorLabel': '标题为“{{title}}”的小节',
  },
};

/** A Starlight plugin that adds the translations above. */
export function ckaTranslations() {
  return {
    name: 'cka-lab-translations',
    hooks: {
      'i18n:setup'({ injectTranslations }: { injectTranslations: (t: typeof starlightTranslations) => void }) {
        injectTranslations(starlightTranslations);
      },
      // Starlight requires this hook on every plugin; there is nothing else to set up.
      'config:setup'() {},
    },
  };
}
