/**
 * Texts where this machine's dpkg 1.21.22 differs from jammy's 1.21.1, with the dpkg commit that
 * changed them: recorded outputs are turned back into 1.21.1's words.
 */
const TO_1_21_1: Array<[string, string, string]> = [
  // 798ff3a0b "Use anchor links for the dpkg FAQ URLs" (first in 1.21.10).
  ['<https://wiki.debian.org/Teams/Dpkg/FAQ#set-selections>', '<https://wiki.debian.org/Teams/Dpkg/FAQ>', '798ff3a0b'],
];

export function asJammy(text: string): string {
  return TO_1_21_1.reduce((t, [now, then]) => t.split(now).join(then), text);
}
