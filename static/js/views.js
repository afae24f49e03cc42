// Counts one reading of the article (news/view_counts.py). The page itself may come from a
// cache (Django's, nginx's or a CDN's) that never reaches the counter, so the reader's browser
// tells it, once the page is shown. sendBeacon does not hold up the page or its unloading.
// A busy article's page says data-view-sample="N": one reading in N is reported, at random,
// to an address that makes it count for N.
const counter = document.querySelector("[data-view-counter]");
const every = Number(counter?.dataset.viewSample) || 1;
if (counter && Math.random() * every < 1) {
  const url = counter.dataset.viewCounter;
  if (!navigator.sendBeacon || !navigator.sendBeacon(url)) {
    fetch(url, { method: "POST", keepalive: true, credentials: "omit" }).catch(() => {});
  }
}
