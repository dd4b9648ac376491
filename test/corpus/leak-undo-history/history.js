class BoardSnapshot {
  constructor(columns, label) {
    this.label = label;
    this.takenAt = Date.now();
    // Deep copy, so later edits cannot change what undo restores.
    this.columns = columns.map((col) => ({ ...col, cards: col.cards.map((card) => ({ ...card })) }));
  }
}

export class UndoHistory {
  constructor() {
    this.past = [];
  }

  record(columns, label) {
    // BUG: no cap (e.g. drop past[0] beyond 50 entries): every edit keeps a full copy
    // of the board for the lifetime of the page.
    this.past.push(new BoardSnapshot(columns, label));
  }

  undo() {
    return this.past.pop()?.columns;
  }

  get size() {
    return this.past.length;
  }
}
