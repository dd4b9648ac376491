import { bus } from './event-bus.js';

const backlog = {
  general: [{ room: 'general', author: 'mira', text: 'Standup in 5' }],
  random: [{ room: 'random', author: 'jonas', text: 'Cake in the kitchen' }],
};

class ChatRoomView {
  constructor(room) {
    this.room = room;
    this.messages = [];
    this.el = document.createElement('section');
    this.el.className = 'room';
    this.el.innerHTML = `<h2>#${room}</h2><ol class="messages"></ol>`;
    this.list = this.el.querySelector('.messages');
  }

  mount(parent) {
    parent.replaceChildren(this.el);
    for (const message of backlog[this.room]) this.append(message);
    // BUG: the unsubscribe function returned by bus.on() is thrown away.
    bus.on('message', (message) => {
      if (message.room === this.room) this.append(message);
    });
    bus.on('typing', (who) => this.showTyping(who));
  }

  append(message) {
    this.messages.push(message);
    const li = document.createElement('li');
    li.textContent = `${message.author}: ${message.text}`;
    this.list.append(li);
  }

  showTyping(who) {
    this.el.dataset.typing = who;
  }

  unmount() {
    this.el.remove();
  }
}

let current = null;

document.getElementById('rooms').addEventListener('click', (event) => {
  const room = event.target.dataset.room;
  if (room) {
    current?.unmount();
    current = new ChatRoomView(room);
    current.mount(document.getElementById('room-slot'));
  } else if (event.target.id === 'leave') {
    current?.unmount();
    current = null;
  }
});
