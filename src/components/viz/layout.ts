/**
 * Where each component of the cluster sits in the architecture view (SVG user units), for any
 * number of nodes: the control plane on top, the nodes in a row below.
 */
export interface Box {
  id: string;
  x: number;
  y: number;
  w: number;
  h: number;
  label: string;
}

export const VIEW_WIDTH = 600;
export const VIEW_HEIGHT = 330;

export function layout(nodes: string[]): Box[] {
  const boxes: Box[] = [
    { id: 'kubectl', x: 20, y: 30, w: 110, h: 44, label: 'kubectl' },
    { id: 'apiserver', x: 235, y: 30, w: 130, h: 44, label: 'kube-apiserver' },
    { id: 'etcd', x: 470, y: 30, w: 110, h: 44, label: 'etcd' },
    { id: 'controller-manager', x: 110, y: 130, w: 180, h: 44, label: 'kube-controller-manager' },
    { id: 'scheduler', x: 330, y: 130, w: 150, h: 44, label: 'kube-scheduler' },
  ];
  const n = Math.max(1, nodes.length);
  const gap = 16;
  const w = Math.min(180, (VIEW_WIDTH - 40 - gap * (n - 1)) / n);
  const total = n * w + gap * (n - 1);
  const x0 = (VIEW_WIDTH - total) / 2;
  // Each node: its kubelet (with the node's name and readiness) and, below, its container runtime.
  nodes.forEach((name, i) => {
    const x = x0 + i * (w + gap);
    boxes.push({ id: `kubelet:${name}`, x, y: 215, w, h: 52, label: name });
    boxes.push({ id: `runtime:${name}`, x, y: 290, w, h: 30, label: 'containerd' });
  });
  return boxes;
}

/** The end points of an arrow between two boxes: from edge to edge along the line of centres. */
export function arrowBetween(a: Box, b: Box): { x1: number; y1: number; x2: number; y2: number } {
  const ca = { x: a.x + a.w / 2, y: a.y + a.h / 2 };
  const cb = { x: b.x + b.w / 2, y: b.y + b.h / 2 };
  const clip = (box: Box, from: { x: number; y: number }, to: { x: number; y: number }) => {
    const dx = to.x - from.x;
    const dy = to.y - from.y;
    const tx = dx === 0 ? Infinity : box.w / 2 / Math.abs(dx);
    const ty = dy === 0 ? Infinity : box.h / 2 / Math.abs(dy);
    const t = Math.min(tx, ty);
    return { x: from.x + dx * t, y: from.y + dy * t };
  };
  const p1 = clip(a, ca, cb);
  const p2 = clip(b, cb, ca);
  return { x1: p1.x, y1: p1.y, x2: p2.x, y2: p2.y };
}
