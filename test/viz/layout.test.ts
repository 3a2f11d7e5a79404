import { describe, expect, it } from 'vitest';
import { arrowBetween, layout, VIEW_HEIGHT, VIEW_WIDTH } from '../../src/components/viz/layout';

describe('architecture view layout', () => {
  it('places the control plane and every node inside the view without overlap', () => {
    for (const n of [1, 3, 6]) {
      const boxes = layout(Array.from({ length: n }, (_, i) => `cka0${i + 1}`));
      expect(boxes).toHaveLength(5 + 2 * n);
      for (const b of boxes) {
        expect(b.x).toBeGreaterThanOrEqual(0);
        expect(b.x + b.w).toBeLessThanOrEqual(VIEW_WIDTH);
        expect(b.y + b.h).toBeLessThanOrEqual(VIEW_HEIGHT);
      }
      // each node's runtime sits right below its kubelet
      for (let i = 1; i <= n; i++) {
        const kubelet = boxes.find((b) => b.id === `kubelet:cka0${i}`)!;
        const runtime = boxes.find((b) => b.id === `runtime:cka0${i}`)!;
        expect(runtime.x).toBe(kubelet.x);
        expect(runtime.y).toBeGreaterThan(kubelet.y + kubelet.h);
      }
      const nodes = boxes.filter((b) => b.id.startsWith('kubelet:'));
      for (let i = 1; i < nodes.length; i++) expect(nodes[i].x).toBeGreaterThanOrEqual(nodes[i - 1].x + nodes[i - 1].w);
    }
  });

  it('arrows start and end on the edges of their boxes', () => {
    const [kubectl, api] = layout([]);
    const a = arrowBetween(kubectl, api);
    expect(a.x1).toBeCloseTo(kubectl.x + kubectl.w);
    expect(a.x2).toBeCloseTo(api.x);
    expect(a.y1).toBeCloseTo(kubectl.y + kubectl.h / 2);
  });
});
