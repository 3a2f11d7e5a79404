/**
 * The simulation's archive and compression formats: self-consistent, not byte-compatible with
 * real tar/gzip (files are strings here). A gzip stream is a magic header plus the data; a tar
 * archive is a magic line plus JSON entries.
 */
export const GZIP_MAGIC = '\u001f\u008b\u0008CKALAB-GZ\n';
export const TAR_MAGIC = 'CKALAB-TAR 1\n';

export interface TarEntry {
  name: string;
  type: 'file' | 'dir' | 'symlink';
  mode: number;
  uid: number;
  gid: number;
  mtimeMs: number;
  data?: string;
  target?: string;
}

export function gzipEncode(data: string): string {
  return GZIP_MAGIC + data;
}

export function isGzip(data: string): boolean {
  return data.startsWith(GZIP_MAGIC);
}

export function gzipDecode(data: string): string | null {
  return isGzip(data) ? data.slice(GZIP_MAGIC.length) : null;
}

export function tarEncode(entries: TarEntry[]): string {
  return TAR_MAGIC + JSON.stringify(entries);
}

export function tarDecode(data: string): TarEntry[] | null {
  if (!data.startsWith(TAR_MAGIC)) return null;
  try {
    return JSON.parse(data.slice(TAR_MAGIC.length)) as TarEntry[];
  } catch {
    return null;
  }
}
