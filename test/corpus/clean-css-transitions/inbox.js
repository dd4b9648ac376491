const drawer = document.getElementById('drawer');
const bell = document.getElementById('bell');

// The drawer's state follows the transition, so nothing acts on a half-open drawer.
drawer.addEventListener('transitionend', (event) => {
  if (event.propertyName !== 'transform') return;
  drawer.dataset.state = drawer.classList.contains('open') ? 'open' : 'closed';
});

bell.addEventListener('animationend', () => bell.classList.remove('ringing'));

function openDrawer() {
  bell.classList.add('ringing');
  drawer.classList.add('open');
  drawer.setAttribute('aria-hidden', 'false');
  drawer.querySelectorAll('li').forEach((li, i) => {
    // A short stagger via the Web Animations API; finished animations are released.
    li.animate([{ opacity: 0, transform: 'translateX(12px)' }, { opacity: 1, transform: 'none' }], { duration: 100, delay: i * 20, easing: 'ease-out' });
  });
}

function closeDrawer() {
  drawer.classList.remove('open');
  drawer.setAttribute('aria-hidden', 'true');
}

bell.addEventListener('click', openDrawer);
document.getElementById('close-drawer').addEventListener('click', closeDrawer);
