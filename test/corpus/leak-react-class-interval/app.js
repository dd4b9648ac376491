const { createElement: h, Component, useState } = React;

// Calls tick() on a countdown once a second; returns the interval id.
function tickEverySecond(countdown) {
  return setInterval(() => countdown.tick(), 1000);
}

class ExamCountdown extends Component {
  constructor(props) {
    super(props);
    this.state = { remaining: props.minutes * 60 };
  }

  componentDidMount() {
    // BUG: no componentWillUnmount() { clearInterval(this.timer) }: the interval keeps
    // firing after the exam is closed and keeps the unmounted component alive.
    this.timer = tickEverySecond(this);
  }

  tick() {
    this.setState((state) => ({ remaining: Math.max(0, state.remaining - 1) }));
  }

  render() {
    const { remaining } = this.state;
    const mm = String(Math.floor(remaining / 60)).padStart(2, '0');
    const ss = String(remaining % 60).padStart(2, '0');
    return h('div', { className: 'countdown' }, `${mm}:${ss}`);
  }
}

function ExamPage({ exam, onClose }) {
  return h('section', { className: 'exam' },
    h('h2', null, exam.title),
    h(ExamCountdown, { minutes: exam.minutes }),
    h('button', { className: 'close-exam', onClick: onClose }, 'Leave exam'));
}

function App() {
  const [open, setOpen] = useState(false);
  const exam = { id: 'chem-101', title: 'Chemistry 101 — midterm', minutes: 45 };
  return h('main', null,
    open
      ? h(ExamPage, { exam, onClose: () => setOpen(false) })
      : h('button', { id: 'start-exam', onClick: () => setOpen(true) }, `Start “${exam.title}”`));
}

ReactDOM.createRoot(document.getElementById('root')).render(h(App));
