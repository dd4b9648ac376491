export class Tooltip {
  constructor(anchor, text) {
    this.anchor = anchor;
    this.text = text;
    this.el = null;
  }

  show() {
    this.el = document.createElement('div');
    this.el.className = 'tooltip';
    this.el.textContent = this.text;
    const rect = this.anchor.getBoundingClientRect();
    this.el.style.left = `${rect.right + 6}px`;
    this.el.style.top = `${rect.top + scrollY}px`;
    document.body.append(this.el);
  }

  hide() {
    this.el?.remove();
    this.el = null;
  }
}

// One tooltip per anchor element, created on first hover.
// BUG: a Map holds its keys strongly; anchors removed by a re-render stay as keys (with
// their Tooltip) forever. A WeakMap would let them go with the element.
const tooltips = new Map();

export function tooltipFor(anchor) {
  let tooltip = tooltips.get(anchor);
  if (!tooltip) {
    tooltip = new Tooltip(anchor, anchor.dataset.tooltip);
    tooltips.set(anchor, tooltip);
  }
  return tooltip;
}
