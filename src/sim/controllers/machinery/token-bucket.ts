/**
 * A token bucket as golang.org/x/time/rate's Limiter behind client-go's
 * flowcontrol.NewTokenBucketPassiveRateLimiterWithClock: it starts full with `burst` tokens,
 * refills continuously at `qps` tokens a second up to `burst`, and `tryAccept` takes one token
 * when a whole one is there (a refused call changes nothing).
 */
export class TokenBucket {
  private tokens: number;
  private lastMs: number | undefined;
  /** client-go passes qps as a float32: 1/300 becomes 0.0033333334, so 300 s refill a whole token. */
  private readonly perSecond: number;

  constructor(qps: number, private readonly burst: number) {
    this.perSecond = Math.fround(qps);
    this.tokens = burst;
  }

  tryAccept(nowMs: number): boolean {
    const tokens = this.tokensAt(nowMs) - 1;
    if (tokens < 0) return false;
    this.tokens = tokens;
    this.lastMs = nowMs;
    return true;
  }

  /** The tokens available at `nowMs` (a clock going backwards refills nothing). */
  tokensAt(nowMs: number): number {
    if (this.lastMs === undefined) return this.burst;
    const elapsedSeconds = Math.max(0, nowMs - this.lastMs) / 1000;
    return Math.min(this.burst, this.tokens + elapsedSeconds * this.perSecond);
  }
}
