import { defineCollection, z } from 'astro:content';
import { glob } from 'astro/loaders';
import { docsSchema } from '@astrojs/starlight/schema';

/** The world a chapter's terminal runs: a scenario name, optionally a lab and the machine to log into. */
export const simSchema = z.object({
  scenario: z.enum(['cluster', 'machines', 'upgrade']),
  lab: z.string().optional(),
  host: z.string().optional(),
});

export const collections = {
  // Chapters live in the top-level content/docs/ (English at the root, zh-cn/ mirrored), not in
  // Starlight's default src/content/docs/.
  docs: defineCollection({
    loader: glob({ base: './content/docs', pattern: '**/[^_]*.{md,mdx}' }),
    schema: docsSchema({ extend: z.object({ sim: simSchema.optional() }) }),
  }),
};
