// Plain `tsc` does not understand .astro files (Astro's own tooling does). The render spec imports
// the diagram components only to hand them to Astro's container, so an opaque type is enough.
declare module '*.astro' {
  const component: (props: Record<string, unknown>) => unknown;
  export default component;
}
