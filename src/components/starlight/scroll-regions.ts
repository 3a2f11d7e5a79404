/**
 * Wide tables and long code lines scroll sideways inside the text column. A region that scrolls
 * must be reachable from the keyboard (WCAG 2.1.1), so each one that actually overflows gets a
 * tab stop and a name; regions that fit get none, to keep tabbing short.
 */
const SELECTOR = '.sl-markdown-content table, .sl-markdown-content .expressive-code pre';

function update(root: ParentNode): void {
  for (const el of root.querySelectorAll<HTMLElement>(SELECTOR)) {
    const scrolls = el.scrollWidth > el.clientWidth + 1;
    if (scrolls && !el.hasAttribute('tabindex')) {
      el.setAttribute('tabindex', '0');
      el.setAttribute('data-cka-scroll-region', '');
    } else if (!scrolls && el.hasAttribute('data-cka-scroll-region')) {
      el.removeAttribute('tabindex');
      el.removeAttribute('data-cka-scroll-region');
    }
  }
}

export function watchScrollRegions(root: ParentNode = document): void {
  update(root);
  let pending = 0;
  const schedule = () => {
    cancelAnimationFrame(pending);
    pending = requestAnimationFrame(() => update(root));
  };
  window.addEventListener('resize', schedule);
  // The chapter/terminal divider changes the text column's width without a window resize.
  const column = document.querySelector('.sl-markdown-content');
  if (column && 'ResizeObserver' in window) new ResizeObserver(schedule).observe(column);
}
