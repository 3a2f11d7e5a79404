/**
 * π to N significant digits, as Perl's `bignum` prints `bpi(N)` (Math::BigFloat, rounded to N
 * digits): the Job example of the Kubernetes documentation, `perl -Mbignum=bpi -wle 'print bpi(2000)'`.
 * Machin's formula in fixed point with BigInt; ten guard digits, then rounded half up.
 */
function arctanInverse(x: bigint, unity: bigint): bigint {
  let sum = 0n;
  let term = unity / x;
  const x2 = x * x;
  for (let n = 1n, sign = 1n; term !== 0n; n += 2n, sign = -sign) {
    sum += (sign * term) / n;
    term /= x2;
  }
  return sum;
}

export function piDigits(significant: number): string {
  const n = Math.max(1, Math.floor(significant));
  const guard = 10;
  const unity = 10n ** BigInt(n - 1 + guard);
  const pi = 4n * (4n * arctanInverse(5n, unity) - arctanInverse(239n, unity));
  const scaled = (pi + 5n * 10n ** BigInt(guard - 1)) / 10n ** BigInt(guard);
  const digits = scaled.toString();
  return digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
}
