// Counts one reading of the article (news/view_counts.py). The page itself may come from a
// cache (Django's, nginx's or a CDN's) that never reaches the counter, so the reader's browser
// tells it, once the page is shown. sendBeacon does not hold up the page or its unloading.
const counter = document.querySelector("[data-view-counter]");
if (counter) {
  const url = counter.dataset.viewCounter;
  if (!navigator.sendBeacon || !navigator.sendBeacon(url)) {
    fetch(url, { method: "POST", keepalive: true, credentials: "omit" }).catch(() => {});
  }
}
