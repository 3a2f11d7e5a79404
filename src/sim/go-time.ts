/** Go's time.Time.String() of an instant in UTC ("2006-01-02 15:04:05.999999999 +0000 UTC"), the fraction's trailing zeros dropped. */
export function goTime(iso: string): string {
  const d = new Date(iso);
  const frac = String(d.getUTCMilliseconds()).padStart(3, '0').replace(/0+$/, '');
  return `${d.toISOString().slice(0, 10)} ${d.toISOString().slice(11, 19)}${frac ? `.${frac}` : ''} +0000 UTC`;
}

/** The zero time.Time as String() prints it (an unset metav1.Time). */
export const GO_ZERO_TIME = '0001-01-01 00:00:00 +0000 UTC';
