// Resolves with true/false when the user answers; the dialog removes itself on close.
function confirmDialog(message) {
  const dialog = document.getElementById('confirm-template').content.firstElementChild.cloneNode(true);
  dialog.querySelector('.message').textContent = message;
  document.body.append(dialog);
  dialog.showModal();
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => {
      resolve(dialog.returnValue === 'confirm');
      dialog.remove();
    }, { once: true });
  });
}

document.getElementById('projects').addEventListener('click', async (event) => {
  if (!event.target.classList.contains('archive')) return;
  const item = event.target.closest('li');
  const confirmed = await confirmDialog(`Archive “${item.dataset.project}”? Members keep read access.`);
  item.querySelector('.state').textContent = confirmed ? 'archived' : 'active';
  item.dataset.answered = String(Date.now());
});
