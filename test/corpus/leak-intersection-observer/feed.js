// The sentinel below the page content is part of the app shell; whichever feed is shown
// loads its next page when the sentinel scrolls into view.
const sentinel = document.getElementById('sentinel');

function fetchPosts(channel, page) {
  return Array.from({ length: 10 }, (_, i) => ({ id: `${channel}-${page}-${i}`, title: `Post ${page * 10 + i + 1} in ${channel}` }));
}

function onSentinelVisible(feed) {
  const observer = new IntersectionObserver((entries) => {
    if (entries.some((entry) => entry.isIntersecting)) feed.loadMore();
  });
  observer.observe(sentinel);
  return () => observer.disconnect();
}

class FeedView {
  constructor(channel) {
    this.channel = channel;
    this.page = 0;
    this.posts = [];
    this.el = document.createElement('ul');
    this.el.className = 'feed';
  }

  mount(parent) {
    parent.replaceChildren(this.el);
    this.loadMore();
    this.stopInfiniteScroll = onSentinelVisible(this);
  }

  loadMore() {
    // Only the feed on screen may load; this check hides the leak rather than fixing it.
    if (!this.el.isConnected || this.page >= 3) return;
    for (const post of fetchPosts(this.channel, this.page)) {
      this.posts.push(post);
      const li = document.createElement('li');
      li.textContent = post.title;
      this.el.append(li);
    }
    this.page += 1;
  }

  destroy() {
    // BUG: forgets this.stopInfiniteScroll(); the sentinel keeps the observer alive.
    this.el.remove();
  }
}

let current = null;

document.querySelector('nav').addEventListener('click', (event) => {
  const { channel } = event.target.dataset;
  current?.destroy();
  current = null;
  if (channel) {
    current = new FeedView(channel);
    current.mount(document.getElementById('page'));
  }
});
