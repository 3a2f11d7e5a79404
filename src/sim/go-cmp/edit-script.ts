/**
 * go-cmp's internal/diff.Difference: a greedy, meet-in-the-middle walk of the edit graph that
 * alternates a forward and a reverse search. go-cmp starts with either direction at random; its
 * deterministic form (the one whose reports use plain spaces) starts forward, as here.
 */
export type Edit = 'identity' | 'uniqueX' | 'uniqueY' | 'modified';

/** How two elements compare: the leaf counts of their comparison. */
export interface Similarity {
  numSame: number;
  numDiff: number;
}

export const boolResult = (eq: boolean): Similarity => (eq ? { numSame: 1, numDiff: 0 } : { numSame: 0, numDiff: 2 });
const isEqual = (r: Similarity) => r.numDiff === 0;
/** Binary comparisons ({1,0} or {0,1}) count as similar: such elements print as modified. */
const isSimilar = (r: Similarity) => r.numSame + 1 >= r.numDiff;

class Path {
  es: Edit[] = [];
  constructor(
    readonly dir: 1 | -1,
    public x: number,
    public y: number,
  ) {}

  append(e: Edit): void {
    this.es.push(e);
    if (e === 'identity' || e === 'modified') {
      this.x += this.dir;
      this.y += this.dir;
    } else if (e === 'uniqueX') this.x += this.dir;
    else this.y += this.dir;
  }

  /** Append the edits that lead from this path's point to (dx, dy). */
  connect(dx: number, dy: number, f: (ix: number, iy: number) => Similarity): void {
    if (this.dir > 0) {
      while (dx > this.x && dy > this.y) {
        const r = f(this.x, this.y);
        if (isEqual(r)) this.append('identity');
        else if (isSimilar(r)) this.append('modified');
        else if (dx - this.x >= dy - this.y) this.append('uniqueX');
        else this.append('uniqueY');
      }
      while (dx > this.x) this.append('uniqueX');
      while (dy > this.y) this.append('uniqueY');
    } else {
      while (this.x > dx && this.y > dy) {
        const r = f(this.x - 1, this.y - 1);
        if (isEqual(r)) this.append('identity');
        else if (isSimilar(r)) this.append('modified');
        else if (this.y - dy >= this.x - dx) this.append('uniqueY');
        else this.append('uniqueX');
      }
      while (this.x > dx) this.append('uniqueX');
      while (this.y > dy) this.append('uniqueY');
    }
  }
}

/** [0 1 2 3 4 …] → [0 -1 +1 -2 +2 …] */
const zigzag = (i: number) => (i & 1 ? -((i + 1) >> 1) : i >> 1);

export function difference(nx: number, ny: number, f: (ix: number, iy: number) => Similarity): Edit[] {
  const fwd = new Path(1, 0, 0);
  const rev = new Path(-1, nx, ny);
  const fwdFrontier = { x: 0, y: 0 };
  const revFrontier = { x: nx, y: ny };
  let budget = 4 * (nx + ny);
  let forward = true;
  for (;;) {
    if (fwdFrontier.x >= revFrontier.x || fwdFrontier.y >= revFrontier.y || budget === 0) break;
    if (forward) {
      for (let stop1 = false, stop2 = false, i = 0; !(stop1 && stop2) && budget > 0; i++) {
        const z = zigzag(i);
        const px = fwdFrontier.x + z;
        const py = fwdFrontier.y - z;
        if (px >= rev.x || py < fwd.y) stop1 = true;
        else if (py >= rev.y || px < fwd.x) stop2 = true;
        else if (isEqual(f(px, py))) {
          fwd.connect(px, py, f);
          fwd.append('identity');
          while (fwd.x < rev.x && fwd.y < rev.y && isEqual(f(fwd.x, fwd.y))) fwd.append('identity');
          fwdFrontier.x = fwd.x;
          fwdFrontier.y = fwd.y;
          stop1 = stop2 = true;
        } else budget--;
      }
      if (rev.x - fwdFrontier.x >= rev.y - fwdFrontier.y) fwdFrontier.x++;
      else fwdFrontier.y++;
    } else {
      for (let stop1 = false, stop2 = false, i = 0; !(stop1 && stop2) && budget > 0; i++) {
        const z = zigzag(i);
        const px = revFrontier.x - z;
        const py = revFrontier.y + z;
        if (fwd.x >= px || rev.y < py) stop1 = true;
        else if (fwd.y >= py || rev.x < px) stop2 = true;
        else if (isEqual(f(px - 1, py - 1))) {
          rev.connect(px, py, f);
          rev.append('identity');
          while (fwd.x < rev.x && fwd.y < rev.y && isEqual(f(rev.x - 1, rev.y - 1))) rev.append('identity');
          revFrontier.x = rev.x;
          revFrontier.y = rev.y;
          stop1 = stop2 = true;
        } else budget--;
      }
      if (revFrontier.x - fwd.x >= revFrontier.y - fwd.y) revFrontier.x--;
      else revFrontier.y--;
    }
    forward = !forward;
  }
  fwd.connect(rev.x, rev.y, f);
  for (let i = rev.es.length - 1; i >= 0; i--) fwd.append(rev.es[i]);
  return fwd.es;
}
