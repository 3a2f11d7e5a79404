// @ts-check
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import { existingChapters, DOCS_DIR } from './scripts/site/chapters.ts';
import { remarkDocsPathAlias } from './scripts/site/docs-path-alias.ts';
import { contentSecurityPolicy } from './scripts/site/csp-integration.ts';
import { ckaTranslations } from './src/i18n/starlight-translations.ts';
import { remarkShellOutput } from './scripts/site/remark-shell-output.ts';
import { remarkCjkStrong } from './scripts/site/remark-cjk-strong.ts';
import { remarkCjkBreaks } from './scripts/site/remark-cjk-breaks.ts';

const root = fileURLToPath(new URL('.', import.meta.url));

// https://astro.build/config
export default defineConfig({
  // The public URL, when deploying (canonical links, hreflang alternates and a sitemap need it).
  // Without it the site still works anywhere; the sitemap integration just says it skipped.
  site: process.env.CKA_LAB_SITE || undefined,
  trailingSlash: 'ignore',
  markdown: {
    // Runs before Starlight's own remark plugins: see scripts/site/docs-path-alias.ts.
    remarkPlugins: [
      remarkDocsPathAlias({ root, from: DOCS_DIR, to: 'src/content/docs' }),
      remarkShellOutput,
      remarkCjkStrong,
      remarkCjkBreaks,
    ],
  },
  vite: {
    // The terminal's Web Worker (world + shell) is a module worker that splits into chunks like
    // the page does; Vite's default worker format (iife) cannot be split.
    worker: { format: 'es' },
  },
  integrations: [
    starlight({
      title: { en: 'CKA Lab', 'zh-CN': 'CKA 实验室' },
      description: 'Learn Kubernetes by doing: chapters beside a simulated cluster in your browser.',
      defaultLocale: 'root',
      locales: {
        root: { label: 'English', lang: 'en' },
        'zh-cn': { label: '简体中文', lang: 'zh-CN' },
      },
      sidebar: [
        {
          label: 'Chapters',
          translations: { 'zh-CN': '章节' },
          items: existingChapters(root),
        },
        { slug: 'exam' },
        { slug: 'labs' },
      ],
      customCss: ['./src/styles/site.css'],
      components: {
        Head: './src/components/starlight/Head.astro',
        TwoColumnContent: './src/components/starlight/TwoColumnContent.astro',
        MarkdownContent: './src/components/starlight/MarkdownContent.astro',
        Search: './src/components/starlight/Search.astro',
      },
      routeMiddleware: './src/components/starlight/route-data.ts',
      plugins: [ckaTranslations()],
      disable404Route: true,
      lastUpdated: false,
      pagination: true,
    }),
    contentSecurityPolicy(),
  ],
});
