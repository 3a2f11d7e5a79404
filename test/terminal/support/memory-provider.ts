/** A completion provider over an in-memory directory tree, for tests. */
import type { CompletionProvider } from '../../../src/terminal/completion/engine';
import type { DirEntry } from '../../../src/terminal/completion/paths';

export function memoryProvider(files: Record<string, string | null>, extra: Partial<CompletionProvider> = {}): CompletionProvider {
  const root = '/root';
  const dirs = new Map<string, DirEntry[]>([[root, []]]);
  const add = (path: string, isDir: boolean) => {
    const full = `${root}/${path}`;
    const parent = full.slice(0, full.lastIndexOf('/'));
    const name = full.slice(full.lastIndexOf('/') + 1);
    if (!dirs.has(parent)) add(parent.slice(root.length + 1), true);
    const list = dirs.get(parent)!;
    if (!list.some((e) => e.name === name)) list.push({ name, isDir });
    if (isDir && !dirs.has(full)) dirs.set(full, []);
  };
  for (const [path, content] of Object.entries(files)) add(path, content === null);
  return {
    cwd: () => root,
    home: () => root,
    listDirectory: (path) => dirs.get(path.replace(/\/$/, '')) ?? null,
    commandNames: () => ['cat', 'cd', 'clear', 'echo', 'kubeadm', 'kubectl', 'kubelet', 'ls'],
    ...extra,
  };
}
