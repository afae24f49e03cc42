// The "Print this article" button (templates/includes/share.html). It stays hidden without
// JavaScript, where the browser's own Print command does the same. Loaded with `defer`, so the
// page is parsed when this runs; wired here because the CSP allows no inline handler.
for (const button of document.querySelectorAll("button[data-print]")) {
  button.addEventListener("click", () => window.print());
  button.hidden = false;
}
