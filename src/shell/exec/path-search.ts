/**
 * execvp's search for a program: a name with a slash as it is, any other in each directory of PATH
 * in turn (an empty entry is the current directory). `isExecutable` says what counts as found.
 */
export function searchPath(name: string, path: string, isExecutable: (candidate: string) => boolean): string | undefined {
  if (name.includes('/')) return isExecutable(name) ? name : undefined;
  for (const dir of path.split(':')) {
    const candidate = `${dir || '.'}/${name}`;
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}
