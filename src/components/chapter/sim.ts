/** The frontmatter `sim` block: which world the chapter's terminal runs (see src/content.config.ts). */
export interface SimWorld {
  scenario: 'cluster' | 'machines' | 'upgrade';
  lab?: string;
  host?: string;
}
