/**
 * A window's layout as tmux keeps it: a tree of cells, each either a pane or a row of cells laid
 * out left-to-right or top-to-bottom, with a one-cell border between neighbours. Sizes are kept
 * in cells and change only on a split, a close or a window resize, so panes keep their size as
 * the others change — as in tmux's layout.c.
 */

export type SplitDirection = 'lr' | 'tb';

export interface Rect {
  x: number;
  y: number;
  sx: number;
  sy: number;
}

interface PaneCell extends Rect {
  kind: 'pane';
  pane: number;
  parent?: SplitCell;
}

interface SplitCell extends Rect {
  kind: 'split';
  dir: SplitDirection;
  children: LayoutCell[];
  parent?: SplitCell;
}

type LayoutCell = PaneCell | SplitCell;

export class Layout {
  private root: LayoutCell;

  constructor(pane: number, sx: number, sy: number) {
    this.root = { kind: 'pane', pane, x: 0, y: 0, sx, sy };
  }

  get width(): number {
    return this.root.sx;
  }

  get height(): number {
    return this.root.sy;
  }

  /** Pane ids in tmux's index order (left to right, top to bottom through the tree). */
  panes(): number[] {
    const out: number[] = [];
    const walk = (c: LayoutCell) => (c.kind === 'pane' ? out.push(c.pane) : c.children.forEach(walk));
    walk(this.root);
    return out;
  }

  rect(pane: number): Rect | undefined {
    const c = this.find(pane);
    return c && { x: c.x, y: c.y, sx: c.sx, sy: c.sy };
  }

  /**
   * Split a pane in two (`%` is lr, `"` is tb): the new pane, after it, gets half the space less
   * the border. Returns false, changing nothing, when there is no room (tmux: "no space for new pane").
   */
  split(pane: number, dir: SplitDirection, newPane: number): boolean {
    const cell = this.find(pane);
    if (!cell) return false;
    const size = dir === 'lr' ? cell.sx : cell.sy;
    if (size < 3) return false;
    const added = Math.floor((size - 1) / 2);
    const kept = size - 1 - added;
    const fresh: PaneCell = { kind: 'pane', pane: newPane, x: 0, y: 0, sx: cell.sx, sy: cell.sy };
    const parent = cell.parent;
    if (parent && parent.dir === dir) {
      parent.children.splice(parent.children.indexOf(cell) + 1, 0, fresh);
      fresh.parent = parent;
    } else {
      const split: SplitCell = { kind: 'split', dir, children: [cell, fresh], parent, x: cell.x, y: cell.y, sx: cell.sx, sy: cell.sy };
      if (parent) parent.children[parent.children.indexOf(cell)] = split;
      else this.root = split;
      cell.parent = split;
      fresh.parent = split;
    }
    if (dir === 'lr') {
      cell.sx = kept;
      fresh.sx = added;
    } else {
      cell.sy = kept;
      fresh.sy = added;
    }
    this.place(this.root, this.root.x, this.root.y);
    return true;
  }

  /** Close a pane: its space (and its border) goes to the cell before it, or after it when first. */
  remove(pane: number): void {
    const cell = this.find(pane);
    const parent = cell?.parent;
    if (!cell || !parent) return;
    const i = parent.children.indexOf(cell);
    const other = parent.children[i === 0 ? 1 : i - 1];
    parent.children.splice(i, 1);
    if (parent.dir === 'lr') this.resizeCell(other, other.sx + cell.sx + 1, other.sy);
    else this.resizeCell(other, other.sx, other.sy + cell.sy + 1);
    if (parent.children.length === 1) {
      const only = parent.children[0];
      only.parent = parent.parent;
      if (parent.parent) parent.parent.children[parent.parent.children.indexOf(parent)] = only;
      else this.root = only;
      this.resizeCell(only, parent.sx, parent.sy);
    }
    this.place(this.root, 0, 0);
  }

  /**
   * resize-pane -L/-R/-U/-D: move the border after the pane (before it, for the last pane of its
   * row or column) by `amount` cells toward `direction`, no cell going below one line or column.
   */
  resizePane(pane: number, direction: 'left' | 'right' | 'up' | 'down', amount: number): void {
    const dir: SplitDirection = direction === 'left' || direction === 'right' ? 'lr' : 'tb';
    let cell: LayoutCell | undefined = this.find(pane);
    while (cell?.parent && cell.parent.dir !== dir) cell = cell.parent;
    const parent = cell?.parent;
    if (!cell || !parent) return;
    const i = parent.children.indexOf(cell);
    const [a, b] = i < parent.children.length - 1 ? [cell, parent.children[i + 1]] : [parent.children[i - 1], cell];
    const size = (c: LayoutCell) => (dir === 'lr' ? c.sx : c.sy);
    const toward = direction === 'right' || direction === 'down' ? 1 : -1;
    const delta = toward > 0 ? Math.min(amount, size(b) - 1) : -Math.min(amount, size(a) - 1);
    if (!delta) return;
    if (dir === 'lr') {
      this.resizeCell(a, a.sx + delta, a.sy);
      this.resizeCell(b, b.sx - delta, b.sy);
    } else {
      this.resizeCell(a, a.sx, a.sy + delta);
      this.resizeCell(b, b.sx, b.sy - delta);
    }
    this.place(this.root, 0, 0);
  }

  /** The window changed size: every cell keeps its share. */
  resize(sx: number, sy: number): void {
    this.resizeCell(this.root, Math.max(1, sx), Math.max(1, sy));
    this.place(this.root, 0, 0);
  }

  /**
   * The pane next to `pane` in a direction, wrapping round at the window's edge as tmux does;
   * among several, the one first in `preference` (most recently active first).
   */
  neighbour(pane: number, direction: 'left' | 'right' | 'up' | 'down', preference: number[] = []): number | undefined {
    const a = this.find(pane);
    if (!a) return undefined;
    const cells = this.leaves().filter((c) => c.pane !== pane);
    const overlapsRows = (c: Rect) => c.y < a.y + a.sy && a.y < c.y + c.sy;
    const overlapsCols = (c: Rect) => c.x < a.x + a.sx && a.x < c.x + c.sx;
    const W = this.root.sx;
    const H = this.root.sy;
    let pick: PaneCell[] = [];
    switch (direction) {
      case 'right': {
        const edge = a.x + a.sx + 1 >= W ? 0 : a.x + a.sx + 1;
        pick = cells.filter((c) => c.x === edge && overlapsRows(c));
        break;
      }
      case 'left': {
        pick = cells.filter((c) => (a.x === 0 ? c.x + c.sx === W : c.x + c.sx + 1 === a.x) && overlapsRows(c));
        break;
      }
      case 'down': {
        const edge = a.y + a.sy + 1 >= H ? 0 : a.y + a.sy + 1;
        pick = cells.filter((c) => c.y === edge && overlapsCols(c));
        break;
      }
      case 'up': {
        pick = cells.filter((c) => (a.y === 0 ? c.y + c.sy === H : c.y + c.sy + 1 === a.y) && overlapsCols(c));
        break;
      }
    }
    if (!pick.length) return undefined;
    for (const p of preference) if (pick.some((c) => c.pane === p)) return p;
    return pick[0].pane;
  }

  /** The layout as list-windows prints it (layout_dump): cells as WxH,X,Y and pane ids, {} and [] for splits. */
  dump(): string {
    const cell = (c: LayoutCell): string => {
      const head = `${c.sx}x${c.sy},${c.x},${c.y}`;
      if (c.kind === 'pane') return `${head},${c.pane}`;
      const inner = c.children.map(cell).join(',');
      return c.dir === 'lr' ? `${head}{${inner}}` : `${head}[${inner}]`;
    };
    return cell(this.root);
  }

  /** Cells that are borders: every cell of the window not inside a pane. */
  borderMask(): boolean[][] {
    const mask = Array.from({ length: this.root.sy }, () => new Array<boolean>(this.root.sx).fill(true));
    for (const c of this.leaves()) for (let y = c.y; y < c.y + c.sy; y++) for (let x = c.x; x < c.x + c.sx; x++) mask[y][x] = false;
    return mask;
  }

  private leaves(): PaneCell[] {
    const out: PaneCell[] = [];
    const walk = (c: LayoutCell) => (c.kind === 'pane' ? out.push(c) : c.children.forEach(walk));
    walk(this.root);
    return out;
  }

  private find(pane: number): PaneCell | undefined {
    return this.leaves().find((c) => c.pane === pane);
  }

  private resizeCell(cell: LayoutCell, sx: number, sy: number): void {
    if (cell.kind === 'split') {
      const along = cell.dir === 'lr';
      const total = along ? sx : sy;
      const old = cell.children.map((c) => (along ? c.sx : c.sy));
      const oldSpace = old.reduce((a, b) => a + b, 0);
      const space = Math.max(cell.children.length, total - (cell.children.length - 1));
      // Each child keeps at least the room its own panes need (a stack of three needs five rows),
      // and leaves the children after it theirs: a plain proportional share can starve a nest.
      const mins = cell.children.map((c) => minimumSize(c, along));
      let restMin = mins.reduce((a, b) => a + b, 0);
      let used = 0;
      cell.children.forEach((child, i) => {
        restMin -= mins[i];
        const last = i === cell.children.length - 1;
        const share = last ? space - used : Math.round((old[i] * space) / Math.max(1, oldSpace));
        const size = Math.max(mins[i], Math.min(share, space - used - restMin));
        used += size;
        this.resizeCell(child, along ? size : sx, along ? sy : size);
      });
    }
    cell.sx = sx;
    cell.sy = sy;
  }

  private place(cell: LayoutCell, x: number, y: number): void {
    cell.x = x;
    cell.y = y;
    if (cell.kind === 'pane') return;
    let at = cell.dir === 'lr' ? x : y;
    for (const child of cell.children) {
      if (cell.dir === 'lr') {
        this.place(child, at, y);
        at += child.sx + 1;
      } else {
        this.place(child, x, at);
        at += child.sy + 1;
      }
    }
  }
}

/** The fewest cells a cell needs across (lr) or down: one per pane, and one per border between. */
function minimumSize(cell: LayoutCell, lr: boolean): number {
  if (cell.kind === 'pane') return 1;
  const mins = cell.children.map((c) => minimumSize(c, lr));
  return (cell.dir === 'lr') === lr ? mins.reduce((a, b) => a + b, 0) + mins.length - 1 : Math.max(...mins);
}
