class ToastManager {
  constructor(container) {
    this.container = container;
    // Meant for an "undo last action" feature; nothing ever trims it.
    this.history = [];
  }

  show(message, { actionLabel, onAction } = {}) {
    const toast = document.createElement('div');
    toast.className = 'toast';
    const text = document.createElement('span');
    text.textContent = message;
    toast.append(text);
    if (actionLabel) {
      const button = document.createElement('button');
      button.textContent = actionLabel;
      button.addEventListener('click', () => {
        onAction();
        this.dismiss(toast);
      });
      toast.append(button);
    }
    this.container.append(toast);
    this.history.push(toast);
    return toast;
  }

  dismiss(toast) {
    // BUG: removed from the page but kept in this.history.
    toast.remove();
  }

  dismissAll() {
    for (const toast of this.container.querySelectorAll('.toast')) this.dismiss(toast);
  }
}

const toasts = new ToastManager(document.getElementById('toasts'));

document.getElementById('mail').addEventListener('click', (event) => {
  if (!event.target.matches('.archive')) return;
  toasts.show('Conversation archived', { actionLabel: 'Undo', onAction: () => {} });
});
document.addEventListener('keydown', (event) => {
  if (event.key === 'Escape') toasts.dismissAll();
});
