const { createApp, ref, onMounted, onUnmounted } = Vue;

// Works out which heading the reader is looking at from the scroll position.
class ScrollSpy {
  constructor(ids) {
    this.ids = ids;
    this.offsets = new Map();
  }

  measure() {
    for (const id of this.ids) this.offsets.set(id, document.getElementById(id)?.offsetTop ?? 0);
  }

  current(scrollY) {
    let active = this.ids[0];
    for (const [id, top] of this.offsets) if (top <= scrollY + 10) active = id;
    return active;
  }
}

const TableOfContents = {
  props: { headings: Array },
  setup(props) {
    const active = ref(props.headings[0].id);
    const spy = new ScrollSpy(props.headings.map((h) => h.id));

    function onScroll() {
      active.value = spy.current(window.scrollY);
    }

    onMounted(() => {
      spy.measure();
      window.addEventListener('scroll', onScroll, { passive: true });
    });
    onUnmounted(() => window.removeEventListener('scroll', onScroll));

    return { active };
  },
  template: `
    <nav class="toc">
      <a v-for="h in headings" :key="h.id" :href="'#' + h.id" :class="{ active: h.id === active }">{{ h.title }}</a>
    </nav>`,
};

createApp({
  components: { TableOfContents },
  setup() {
    const showToc = ref(false);
    const headings = [
      { id: 'welcome', title: 'Welcome' },
      { id: 'values', title: 'Our values' },
      { id: 'time-off', title: 'Time off' },
      { id: 'expenses', title: 'Expenses' },
    ];
    return { showToc, headings };
  },
}).mount('#app');
