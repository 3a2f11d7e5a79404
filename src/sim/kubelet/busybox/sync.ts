/**
 * busybox sync (coreutils/sync.c at 1_36_1) as the image builds it: FEATURE_SYNC_FANCY is unset
 * (docker-library's Dockerfile.builder), so it takes no files: bb_warn_ignoring_args says
 * "ignoring all arguments" when any is given, then it syncs everything and exits 0.
 */
import type { Program } from '../../../shell/command';

export const busyboxSync: Program = async (p) => {
  if (p.argv.length > 1) p.stderr.write('sync: ignoring all arguments\n');
  return 0;
};
