/**
 * The recorders' way of running the real kubectl: command lines through the machine's bash, with
 * `kubectl` on PATH naming the real client (a link called kubectl, so that its User-Agent, made from
 * its program name, is the real one's).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { REAL_KUBECTL } from './real-kubectl';

export interface BashResult {
  stdout: string;
  stderr: string;
  exit: number;
}

export function runBash(command: string, cwd: string, env: Record<string, string>): Promise<BashResult> {
  return new Promise((resolve) => {
    const p = spawn('/bin/bash', ['-c', command], { cwd, env });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    p.on('close', (code) => resolve({ stdout, stderr, exit: code ?? 1 }));
  });
}

/** A bin directory under `dir` holding `kubectl`, the real client: put it first on PATH. */
export function realKubectlBin(dir: string): string {
  const bin = join(dir, 'bin');
  mkdirSync(bin);
  symlinkSync(REAL_KUBECTL, join(bin, 'kubectl'));
  return bin;
}
