/** Usage amounts as resource.Quantity prints them (canonical form), for the metrics API and its tables. */
/** resource.Quantity's canonical DecimalSI text of a count of nanocores ("39786u", "40m", "1"). */
export function nanocoresText(nanocores: number): string {
  let n = Math.round(nanocores);
  if (n === 0) return '0';
  const suffixes = ['n', 'u', 'm', '', 'k'];
  let i = 0;
  while (i < suffixes.length - 1 && n % 1000 === 0) {
    n /= 1000;
    i++;
  }
  return `${n}${suffixes[i]}`;
}

/** resource.Quantity's canonical BinarySI text of a byte count ("20372Ki", "3Mi", "1234"). */
export function bytesText(bytes: number): string {
  let n = Math.round(bytes);
  if (n === 0) return '0';
  const suffixes = ['', 'Ki', 'Mi', 'Gi', 'Ti'];
  let i = 0;
  while (i < suffixes.length - 1 && n % 1024 === 0) {
    n /= 1024;
    i++;
  }
  return `${n}${suffixes[i]}`;
}
