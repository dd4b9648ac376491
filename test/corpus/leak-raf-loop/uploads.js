class SpinnerAnimation {
  constructor(canvas) {
    this.canvas = canvas;
    this.ctx = canvas.getContext('2d');
    this.angle = 0;
    this.frameId = 0;
  }

  start() {
    const spinner = this;
    function frame(time) {
      spinner.angle = (time / 300) % (2 * Math.PI);
      spinner.draw();
      spinner.frameId = requestAnimationFrame(frame);
    }
    this.frameId = requestAnimationFrame(frame);
  }

  draw() {
    const { ctx, canvas, angle } = this;
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    ctx.beginPath();
    ctx.arc(16, 16, 12, angle, angle + Math.PI * 1.5);
    ctx.stroke();
  }

  stop() {
    cancelAnimationFrame(this.frameId);
  }
}

class UploadCard {
  constructor(fileName) {
    this.fileName = fileName;
    this.el = document.createElement('div');
    this.el.className = 'upload-card';
    this.el.innerHTML = `<canvas width="32" height="32"></canvas><span>${fileName}</span>
      <button class="cancel">Cancel</button>`;
    this.spinner = new SpinnerAnimation(this.el.querySelector('canvas'));
    this.el.querySelector('.cancel').addEventListener('click', () => this.remove());
  }

  show(parent) {
    parent.append(this.el);
    this.spinner.start();
  }

  remove() {
    // BUG: the spinner's requestAnimationFrame loop is never cancelled.
    this.el.remove();
  }
}

document.getElementById('upload').addEventListener('click', () => {
  new UploadCard('report.pdf').show(document.getElementById('uploads'));
});
