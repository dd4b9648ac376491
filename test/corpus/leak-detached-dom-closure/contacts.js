const tbody = document.getElementById('rows');
const undoButton = document.getElementById('undo');
// Undo entries are closures that know how to revert one change.
const undoStack = [];
let counter = 0;

function addContact(contact) {
  const row = document.createElement('tr');
  row.innerHTML = `<td>${contact.name}</td><td><a href="mailto:${contact.email}">${contact.email}</a></td>
    <td><button class="delete">Delete</button></td>`;
  row.querySelector('.delete').addEventListener('click', () => deleteRow(row));
  tbody.append(row);
}

function deleteRow(row) {
  const nextSibling = row.nextSibling;
  row.remove();
  // BUG: the undo stack is unbounded and never cleared after a new edit, so each closure
  // keeps its deleted <tr> (and its subtree) alive forever.
  undoStack.push(function restoreRow() {
    tbody.insertBefore(row, nextSibling);
  });
  undoButton.disabled = false;
}

document.getElementById('add').addEventListener('click', () => {
  counter += 1;
  addContact({ name: `Person ${counter}`, email: `person${counter}@example.com` });
});
undoButton.addEventListener('click', () => {
  undoStack.pop()?.();
  undoButton.disabled = undoStack.length === 0;
});
