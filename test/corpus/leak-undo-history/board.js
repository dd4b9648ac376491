import { UndoHistory } from './history.js';

let columns = [
  { id: 'todo', title: 'To do', cards: [] },
  { id: 'doing', title: 'In progress', cards: [] },
  { id: 'done', title: 'Done', cards: [] },
];
for (let i = 1; i <= 30; i++) {
  columns[i % 3].cards.push({ id: `T-${100 + i}`, title: `Task ${i}: ${['API', 'UI', 'docs'][i % 3]} work`, points: (i % 5) + 1, assignee: ['mira', 'jonas', 'ade'][i % 3] });
}

const history = new UndoHistory();

function moveCard(cardId, toColumnId) {
  history.record(columns, `move ${cardId}`);
  const from = columns.find((col) => col.cards.some((c) => c.id === cardId));
  const card = from.cards.find((c) => c.id === cardId);
  columns = columns.map((col) => {
    if (col === from) return { ...col, cards: col.cards.filter((c) => c !== card) };
    if (col.id === toColumnId) return { ...col, cards: [...col.cards, card] };
    return col;
  });
  render();
}

function render() {
  const board = document.getElementById('board');
  board.replaceChildren(...columns.map((col) => {
    const el = document.createElement('section');
    el.className = 'column';
    el.dataset.column = col.id;
    el.innerHTML = `<h2>${col.title}</h2>`;
    for (const card of col.cards) {
      const c = document.createElement('div');
      c.className = 'card';
      c.dataset.card = card.id;
      c.innerHTML = `${card.title} <small>${card.points} pt</small>
        <button class="to-doing">▶ doing</button> <button class="to-done">✓ done</button>`;
      el.append(c);
    }
    return el;
  }));
  document.getElementById('history-size').textContent = `${history.size} steps`;
}

document.getElementById('board').addEventListener('click', (event) => {
  const card = event.target.closest('.card');
  if (!card) return;
  if (event.target.classList.contains('to-done')) moveCard(card.dataset.card, 'done');
  if (event.target.classList.contains('to-doing')) moveCard(card.dataset.card, 'doing');
});

document.getElementById('undo').addEventListener('click', () => {
  const previous = history.undo();
  if (previous) {
    columns = previous;
    render();
  }
});

render();
