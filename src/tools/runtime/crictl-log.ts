/**
 * A line of crictl's log on a terminal, as logrus's TextFormatter writes it without a full
 * timestamp: the level's four letters, the seconds since start, the message padded to 44
 * characters and a space (where the fields would follow).
 */
export function logrusLine(level: 'INFO' | 'WARN' | 'ERRO' | 'FATA', message: string): string {
  return `${level}[0000] ${message.padEnd(44)} \n`;
}
