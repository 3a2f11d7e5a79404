/** A window's layout string with tmux's checksum in front, as `list-windows` shows `[layout b25e,80x24,0,0,1]`. */
import type { Window } from './model';

export function layoutChecksum(text: string): string {
  let csum = 0;
  for (let i = 0; i < text.length; i++) {
    csum = (csum >> 1) + ((csum & 1) << 15);
    csum = (csum + text.charCodeAt(i)) & 0xffff;
  }
  return csum.toString(16).padStart(4, '0');
}

export function layoutString(window: Window): string {
  const dump = window.layout.dump();
  return `${layoutChecksum(dump)},${dump}`;
}
