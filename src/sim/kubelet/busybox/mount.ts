/**
 * busybox mount (util-linux/mount.c at 1_36_1). Without operands it lists /proc/mounts (the image
 * keeps no mtab: FEATURE_MTAB_SUPPORT is off) as "DEVICE on DIR type TYPE (OPTIONS)", only the
 * entries of -t's type when given. Mounting needs CAP_SYS_ADMIN, which containerd's default
 * capabilities leave out: mount(2) fails EPERM and mount dies "permission denied (are you root?)"
 * (bb_msg_perm_denied_are_you_root). What a privileged container would mount, and -a's walk of
 * /etc/fstab, are not simulated.
 */
import type { Program } from '../../../shell/command';
import type { ExecContext } from '../exec';
import { notSimulated } from './not-simulated';
import { getopt } from './getopt';

export function busyboxMount(ctx: ExecContext): Program {
  const privileged = ((ctx.container.securityContext ?? {}) as { privileged?: boolean }).privileged === true;
  return async (p) => {
    // getopt32's "o:*t:rwanfvsiO:T:" with at most two operands; `--NAME` are mount options, taken out before.
    const { seen, operands, refused } = getopt(p.argv.slice(1).filter((a) => !a.startsWith('--') || a === '--'), 'rwanfvsi', 'otOT', true);
    const type = seen.get('t')?.at(-1);
    if (refused || operands.length > 2) {
      // In GNU's words: the busybox entry words it as the image's libc and prints the usage.
      p.stderr.write(`${refused ? `mount: ${refused}\n` : ''}Try 'mount --help' for more information.\n`);
      return 1;
    }
    if (operands.length === 0 && !seen.has('a')) {
      let table: string;
      try {
        table = p.fs.readFile('/proc/mounts');
      } catch {
        p.stderr.write('mount: no /proc/mounts\n');
        return 1;
      }
      for (const line of table.split('\n')) {
        const [device, dir, fsType, options] = line.split(' ');
        if (!options || (type !== undefined && fsType !== type)) continue;
        p.stdout.write(`${unescape(device)} on ${unescape(dir)} type ${fsType} (${options})\n`);
      }
      return 0;
    }
    if (operands.length === 2 && !privileged && !seen.has('f')) {
      p.stderr.write('mount: permission denied (are you root?)\n');
      return 1;
    }
    return notSimulated(p);
  };
}

/** getmntent turns the kernel's octal escapes (\040 for a space) back into characters. */
function unescape(field: string): string {
  return field.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8)));
}
