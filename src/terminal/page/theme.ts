/** xterm colours that follow Starlight's light and dark modes (`data-theme` on <html>). */
import type { ITheme } from '@xterm/xterm';

export const DARK_THEME: ITheme = {
  background: '#17181c',
  foreground: '#e6e6e6',
  cursor: '#e6e6e6',
  cursorAccent: '#17181c',
  selectionBackground: '#3a4a6b',
  black: '#2e3436', red: '#ef5350', green: '#8ae234', yellow: '#fce94f', blue: '#729fcf', magenta: '#ad7fa8', cyan: '#34e2e2', white: '#d3d7cf',
  brightBlack: '#555753', brightRed: '#ff6e67', brightGreen: '#a6f07a', brightYellow: '#fff07a', brightBlue: '#8fb8ff', brightMagenta: '#d7a6d1', brightCyan: '#7ff0f0', brightWhite: '#ffffff',
};

export const LIGHT_THEME: ITheme = {
  background: '#fbfbfc',
  foreground: '#1e1e24',
  cursor: '#1e1e24',
  cursorAccent: '#fbfbfc',
  selectionBackground: '#b9d3ff',
  black: '#1e1e24', red: '#c01c28', green: '#267a1c', yellow: '#8a6d00', blue: '#1a5fb4', magenta: '#813d9c', cyan: '#0e7c86', white: '#77767b',
  brightBlack: '#5e5c64', brightRed: '#e01b24', brightGreen: '#2f9e22', brightYellow: '#a68200', brightBlue: '#1c71d8', brightMagenta: '#9141ac', brightCyan: '#11949e', brightWhite: '#3d3846',
};

export function themeFor(doc: Document): ITheme {
  return doc.documentElement.dataset.theme === 'light' ? LIGHT_THEME : DARK_THEME;
}
