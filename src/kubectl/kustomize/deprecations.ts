/** The `# Warning:` lines kustomize 5 prints for deprecated kustomization fields (sorted by field). */
const REPLACEMENTS: Record<string, string> = {
  bases: "'resources'",
  commonLabels: "'labels'",
  imageTags: "'images'",
  patchesJson6902: "'patches'",
  patchesStrategicMerge: "'patches'",
  vars: "'replacements' instead. [EXPERIMENTAL]",
};

export function deprecationWarnings(k: Record<string, unknown>): string[] {
  return Object.keys(REPLACEMENTS)
    .filter((f) => f in k)
    .map((f) => {
      const use = REPLACEMENTS[f].endsWith(']') ? REPLACEMENTS[f] : `${REPLACEMENTS[f]} instead.`;
      return `# Warning: '${f}' is deprecated. Please use ${use} Run 'kustomize edit fix' to update your Kustomization automatically.`;
    });
}
