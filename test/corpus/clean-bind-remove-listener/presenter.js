const slides = [
  { title: 'Q3 at a glance', body: 'Revenue up 12%, churn down to 2.1%.' },
  { title: 'What went well', body: 'Self-serve onboarding shipped two weeks early.' },
  { title: 'What did not', body: 'EU data residency slipped to Q4.' },
  { title: 'Next quarter', body: 'SSO for every plan; usage-based billing beta.' },
];

class PresentationPlayer {
  constructor(slides) {
    this.slides = slides;
    this.index = 0;
    this.startedAt = performance.now();
    // Bound once, so start() and stop() pass the very same function.
    this.handleKey = this.handleKey.bind(this);
    this.el = document.createElement('div');
    this.el.className = 'presenter';
    this.el.innerHTML = `
      <div class="slide"></div>
      <div class="progress"></div>
      <button class="exit">Exit</button>`;
    this.el.querySelector('.exit').addEventListener('click', () => this.stop());
  }

  start() {
    document.body.append(this.el);
    this.render();
    document.addEventListener('keydown', this.handleKey);
  }

  handleKey(event) {
    if (event.key === 'ArrowRight' || event.key === ' ') this.go(1);
    else if (event.key === 'ArrowLeft') this.go(-1);
    else if (event.key === 'Escape') this.stop();
  }

  go(step) {
    this.index = Math.max(0, Math.min(this.slides.length - 1, this.index + step));
    this.render();
  }

  render() {
    const slide = this.slides[this.index];
    this.el.querySelector('.slide').innerHTML = `<h2>${slide.title}</h2><p>${slide.body}</p>`;
    this.el.querySelector('.progress').textContent = `${this.index + 1} / ${this.slides.length}`;
  }

  stop() {
    document.removeEventListener('keydown', this.handleKey);
    this.el.remove();
  }
}

document.getElementById('present').addEventListener('click', () => {
  new PresentationPlayer(slides).start();
});
