/** A differential test case: a command line run both by real bash/GNU tools and by our programs. */
export type FileSpec = string | { dir: true; mode?: number } | { link: string } | { content: string; mode?: number };

export interface Case {
  /** A command line: words with '…' "…" \ quoting, joined by |, ;, &&, || (no globs, no $vars). */
  cmd: string;
  /** Files to create in the working directory first (paths relative; parents created). */
  files?: Record<string, FileSpec>;
  stdin?: string;
}

export interface GoldenResult {
  cmd: string;
  stdout: string;
  stderr: string;
  status: number;
  /** Wall-clock time when this case ran (files it creates get this mtime). */
  nowMs?: number;
}

export interface GoldenFile {
  /** Wall-clock time of the recording: the simulated clock starts there when replaying. */
  nowMs: number;
  /** Modification time given to every created file. */
  mtimeMs: number;
  cases: GoldenResult[];
}

/** The directory the recorder works in; the fake filesystem uses the same path. */
export const WORKDIR = '/tmp/ckalab-golden/w';
