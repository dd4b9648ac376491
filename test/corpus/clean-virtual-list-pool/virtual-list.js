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

// Renders only the rows in view. The pool holds enough rows for one screen plus a
// margin and is filled once; scrolling re-binds existing rows instead of creating more.
export class VirtualList {
  constructor(viewport, spacer, items, rowHeight = 24, overscan = 4) {
    this.viewport = viewport;
    this.spacer = spacer;
    this.items = items;
    this.rowHeight = rowHeight;
    this.pool = [];
    const size = Math.ceil(viewport.clientHeight / rowHeight) + overscan * 2;
    for (let i = 0; i < size; i++) {
      const row = new RowView();
      this.pool.push(row);
      spacer.append(row.el);
    }
    this.overscan = overscan;
    spacer.style.height = `${items.length * rowHeight}px`;
    viewport.addEventListener('scroll', () => this.render(), { passive: true });
    this.render();
  }

  render() {
    const first = Math.max(0, Math.floor(this.viewport.scrollTop / this.rowHeight) - this.overscan);
    this.pool.forEach((row, i) => {
      const index = first + i;
      if (index < this.items.length) {
        if (row.index !== index) row.bind(index, this.items[index], this.rowHeight);
        row.el.hidden = false;
      } else {
        row.el.hidden = true;
      }
    });
    this.viewport.dataset.first = String(first);
  }
}
