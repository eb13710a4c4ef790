// Room the sticky bars take at the top and bottom of the window, kept as the page's scroll
// padding: whatever the browser scrolls into view (a field that takes focus, scrollIntoView)
// then stops clear of the bars instead of under them. Each bar reserves its own height.

type Side = 'top' | 'bottom';

/** Breathing room between a field brought into view and the bar. */
const GAP_PX = 8;
const reserved: Record<Side, Map<symbol, number>> = { top: new Map(), bottom: new Map() };

/** Svelte action: the element's own height, kept up to date, is reserved at `side`. */
export function reservesScrollPadding(node: HTMLElement, side: Side) {
  let release = reserveScrollPadding(side, node.offsetHeight);
  const measure = () => {
    release();
    release = reserveScrollPadding(side, node.offsetHeight);
  };
  // jsdom (the unit tests) has no ResizeObserver; there the first measure stays.
  const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(measure);
  observer?.observe(node);
  return {
    destroy() {
      observer?.disconnect();
      release();
    },
  };
}

/** Reserves `px` at `side` until the returned function is called. */
export function reserveScrollPadding(side: Side, px: number): () => void {
  const key = Symbol(side);
  reserved[side].set(key, px);
  apply(side);
  return () => {
    reserved[side].delete(key);
    apply(side);
  };
}

function apply(side: Side) {
  const px = Math.max(0, ...reserved[side].values());
  document.documentElement.style.setProperty(`scroll-padding-${side}`, px > 0 ? `${px + GAP_PX}px` : '');
}
