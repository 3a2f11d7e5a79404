/**
 * The architecture view in the page: draws the boxes (SVG built with DOM calls, no HTML strings),
 * animates each step along its arrow, and keeps a short log. Steps arrive from the terminal's worker
 * through `cka:viz-steps`; the view asks for them with `cka:viz-open` only while it is visible.
 */
import { absorb, dwellMs, initialView, next, replayLast, setPaused, setSpeed, type ViewState } from '../../viz/model';
import { foldSteps, type FoldedStep } from '../../viz/steps';
import { VIZ_CLOSE_EVENT, VIZ_OPEN_EVENT, VIZ_STEPS_EVENT, type NodeState, type VizStepsDetail } from './events';
import { arrowBetween, layout, type Box } from './layout';
import { createDetailPanel } from './detail-panel';

const SVG = 'http://www.w3.org/2000/svg';

function el<K extends keyof SVGElementTagNameMap>(name: K, attrs: Record<string, string | number>): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  return node;
}

function initView(root: HTMLElement, win: Window): void {
  const lang = root.dataset.lang === 'zh-CN' ? 'zh-CN' : 'en';
  const svg = root.querySelector<SVGSVGElement>('[data-cka-viz-svg]')!;
  const caption = root.querySelector<HTMLElement>('[data-cka-viz-caption]')!;
  const down = root.querySelector<HTMLElement>('[data-cka-viz-down]')!;
  const log = root.querySelector<HTMLOListElement>('[data-cka-viz-log]')!;
  const pauseButton = root.querySelector<HTMLButtonElement>('[data-cka-viz-pause]')!;
  let state: ViewState = initialView(['cka01', 'cka02', 'cka03']);
  let nodes: NodeState[] = state.nodes.map((name) => ({ name, ready: true }));
  let apiUp = true;
  let boxes = new Map<string, Box>();
  const layer = el('g', {});
  const arrow = el('line', { class: 'arrow', x1: 0, y1: 0, x2: 0, y2: 0, visibility: 'hidden' });
  const dot = el('circle', { class: 'dot', r: 5, cx: 0, cy: 0, visibility: 'hidden' });
  svg.append(layer, arrow, dot);
  let timer: ReturnType<typeof setTimeout> | undefined;

  const draw = () => {
    layer.replaceChildren();
    const all = layout(state.nodes);
    boxes = new Map(all.map((b) => [b.id, b]));
    for (const b of all) {
      const node = nodes.find((n) => `kubelet:${n.name}` === b.id);
      const runtimeOf = nodes.find((n) => `runtime:${n.name}` === b.id);
      const rect = el('rect', { class: `box${node && !node.ready ? ' not-ready' : ''}`, x: b.x, y: b.y, width: b.w, height: b.h, rx: 6, 'data-id': b.id });
      const label = el('text', { x: b.x + b.w / 2, y: b.y + (node ? 20 : b.h / 2 + 4), 'text-anchor': 'middle' });
      // A node's pods are a count on its runtime, never a box each: a thousand pods draw as fast as three.
      label.textContent = runtimeOf?.pods !== undefined ? `${b.label} · ${(root.dataset.sPods ?? '{n} pods').replace('{n}', String(runtimeOf.pods))}` : b.label;
      if (node) rect.setAttribute('data-ready', String(node.ready));
      layer.append(rect, label);
      if (node) {
        const sub = el('text', { x: b.x + b.w / 2, y: b.y + 40, 'text-anchor': 'middle' });
        sub.textContent = `kubelet · ${node.ready ? root.dataset.sReady : root.dataset.sNotReady}`;
        layer.append(sub);
      }
    }
  };

  const currentButton = root.querySelector<HTMLButtonElement>('[data-cka-viz-current]');
  const show = (step: FoldedStep | undefined) => {
    layer.querySelectorAll('.box.active').forEach((b) => b.classList.remove('active'));
    if (currentButton) currentButton.disabled = !step;
    if (!step) {
      arrow.setAttribute('visibility', 'hidden');
      dot.setAttribute('visibility', 'hidden');
      return;
    }
    const from = boxes.get(step.from) ?? boxes.get(step.from.split(':')[0]);
    const to = boxes.get(step.to) ?? boxes.get(step.to.split(':')[0]);
    caption.textContent = textOf(step);
    if (!from || !to) return;
    for (const b of [from, to]) layer.querySelector(`[data-id="${CSS.escape(b.id)}"]`)?.classList.add('active');
    const a = arrowBetween(from, to);
    arrow.setAttribute('x1', String(a.x1));
    arrow.setAttribute('y1', String(a.y1));
    arrow.setAttribute('x2', String(a.x2));
    arrow.setAttribute('y2', String(a.y2));
    arrow.setAttribute('class', apiUp ? 'arrow' : 'arrow down');
    arrow.setAttribute('visibility', 'visible');
    dot.setAttribute('visibility', 'visible');
    dot.setAttribute('cx', String(a.x1));
    dot.setAttribute('cy', String(a.y1));
    // Next frame: move the dot along the arrow (a CSS transition animates it).
    win.requestAnimationFrame(() => {
      dot.setAttribute('cx', String(a.x2));
      dot.setAttribute('cy', String(a.y2));
    });
  };

  const textOf = (step: FoldedStep) => `${step.caption[lang]}${step.count > 1 ? ` ×${step.count}` : ''}`;
  const detailPanel = createDetailPanel(root, win, lang);
  /** The log lists every step as it arrives (each opens its detail); the diagram animates them one at a time. */
  const appendToLog = (steps: FoldedStep[]) => {
    for (const step of steps) {
      const item = document.createElement('li');
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'cka-viz__log-step';
      button.textContent = textOf(step);
      button.addEventListener('click', () => detailPanel.show(step, button));
      item.append(button);
      log.prepend(item);
    }
    while (log.children.length > 200) log.lastElementChild?.remove();
  };

  const pump = () => {
    timer = undefined;
    if (state.paused) return;
    state = next(state);
    show(state.current);
    if (state.queue.length) timer = setTimeout(pump, dwellMs(state));
  };
  const kick = () => {
    if (timer === undefined && !state.paused && state.queue.length) pump();
  };

  win.addEventListener(VIZ_STEPS_EVENT, (event) => {
    const detail = (event as CustomEvent<VizStepsDetail>).detail;
    const before = state.nodes.join(',');
    state = absorb(state, detail.steps);
    appendToLog(foldSteps(detail.steps));
    const nodesChanged = JSON.stringify(detail.nodes) !== JSON.stringify(nodes);
    if (detail.nodes.length) {
      nodes = detail.nodes;
      state = { ...state, nodes: [...new Set([...state.nodes, ...nodes.map((n) => n.name)])].sort() };
    }
    apiUp = detail.apiUp;
    down.hidden = apiUp;
    if (before !== state.nodes.join(',') || nodesChanged) draw();
    kick();
  });

  root.querySelector('[data-cka-viz-current]')?.addEventListener('click', (event) => {
    if (state.current) detailPanel.show(state.current, event.currentTarget as HTMLElement);
  });
  root.querySelector('[data-cka-viz-pause]')!.addEventListener('click', () => {
    state = setPaused(state, !state.paused);
    pauseButton.textContent = state.paused ? root.dataset.sResume! : root.dataset.sPause!;
    kick();
  });
  root.querySelector('[data-cka-viz-step]')!.addEventListener('click', () => {
    state = next(state);
    show(state.current);
  });
  root.querySelector('[data-cka-viz-replay]')!.addEventListener('click', () => {
    state = replayLast(state);
    kick();
  });
  root.querySelector<HTMLSelectElement>('[data-cka-viz-speed]')!.addEventListener('change', (e) => {
    state = setSpeed(state, Number((e.target as HTMLSelectElement).value));
  });

  draw();
  // Stream only while the view is on screen.
  const observer = new IntersectionObserver((entries) => {
    const visible = entries.some((e) => e.isIntersecting);
    win.dispatchEvent(new CustomEvent(visible ? VIZ_OPEN_EVENT : VIZ_CLOSE_EVENT));
  });
  observer.observe(root);
}

export function initArchitectureViews(doc: Document = document, win: Window = window): void {
  doc.querySelectorAll<HTMLElement>('[data-cka-viz]').forEach((root) => initView(root, win));
}
