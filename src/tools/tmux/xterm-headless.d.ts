/**
 * The ES module build of @xterm/headless, imported by its path: the package's `module` field
 * names a file it does not ship, so bundlers (Vite for the worker) cannot resolve the bare name.
 */
declare module '@xterm/headless/lib-headless/xterm-headless.mjs' {
  export { Terminal } from '@xterm/headless';
}
