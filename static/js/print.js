// The handout's Print button: hidden in the markup, since it needs this script, and shown
// here. Without the script the browser's own Print command does the same.
for (const button of document.querySelectorAll("[data-print-button]")) {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
}
