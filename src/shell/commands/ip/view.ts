/**
 * How ip (iproute2 5.15) was asked to print: the global options that shape every object's output,
 * and its colours (lib/color.c: the light-background palette unless COLORFGBG says the background
 * is dark; each coloured field carries its own padding inside the colour).
 */
export type Family = 'inet' | 'inet6' | 'link';

export interface IpView {
  family?: Family;
  brief: boolean;
  /** -o: records on one line, line breaks inside a record become `\`. */
  oneline: boolean;
  color: boolean;
  dark: boolean;
  /** The caller's uid (`ip route get` reports it). */
  uid: number;
}

export type ColorAttr = 'ifname' | 'mac' | 'inet' | 'inet6' | 'up' | 'down';

const LIGHT: Record<ColorAttr, string> = { ifname: '36', mac: '33', inet: '35', inet6: '34', up: '32', down: '31' };

/** `text` in the colour of attr when colours are on. */
export function paint(view: IpView, attr: ColorAttr | undefined, text: string): string {
  if (!view.color || !attr) return text;
  return `\x1b[${view.dark ? '1;' : ''}${LIGHT[attr]}m${text}\x1b[0m`;
}

/** The separator of lines inside one record (`_SL_`). */
export function sl(view: IpView): string {
  return view.oneline ? '\\' : '\n';
}

export function stateColor(state: string): ColorAttr | undefined {
  return state === 'UP' ? 'up' : state === 'DOWN' ? 'down' : undefined;
}
