/**
 * bb_show_usage (libbb/appletlib.c:127-174 at 1_36_1): the banner, " multi-call binary.", a blank
 * line, then "Usage: APPLET " and the applet's usage text, all on stderr. The texts are those the
 * docker-library image's configuration builds from the //usage: comments, extracted by
 * scripts/busybox/extract-usage.sh into usage.json.
 */
import type { OutputStream } from '../../../shell/command';
import { BUSYBOX_BANNER } from '../busybox-text';
import USAGE from './usage.json';

interface AppletUsage {
  usage: string;
  /** Its exit status after an unknown option's complaint and the usage; null for an applet without getopt. */
  optionErrorStatus: number | null;
  /** The letters and digits it takes as options without an argument, and with one. */
  shortOptions: string;
  argOptions: string;
  /** The long options of GNU's that the applet takes too (the rest getopt refuses). */
  longOptions: string[];
  /** getopt looks for options after operands too (no '+' at the head of the option string). */
  permutes: boolean;
}

const TABLE = USAGE as Record<string, AppletUsage>;

export function appletUsage(applet: string): AppletUsage | undefined {
  return Object.hasOwn(TABLE, applet) ? TABLE[applet] : undefined;
}

/** What bb_show_usage writes for an applet ("\nNo help available" for one built without a text). */
export function usageText(applet: string): string {
  const text = appletUsage(applet)?.usage ?? '\b';
  // BUSYBOX_BANNER already ends " multi-call binary.\n\n": the "\n" before "Usage: " is its second newline.
  if (text.startsWith('\b')) return `${BUSYBOX_BANNER}No help available\n`;
  return `${BUSYBOX_BANNER}Usage: ${applet}${text && !text.startsWith('\n') ? ' ' : ''}${text}\n`;
}

export function showUsage(applet: string, stderr: OutputStream): void {
  stderr.write(usageText(applet));
}
