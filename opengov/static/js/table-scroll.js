/* A wide table scrolls sideways inside its box on a small screen. Such a box must be
   reachable with the keyboard and named for screen readers (WCAG 2.1.1, 4.1.2): while it
   overflows it becomes a focusable region named after the table's caption. */
(function () {
  "use strict";
  function update() {
    document.querySelectorAll(".table-scroll").forEach(function (box) {
      var caption = box.querySelector("caption");
      if (box.scrollWidth > box.clientWidth + 1) {
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        if (caption) {
          box.setAttribute("aria-label", caption.textContent.trim());
        }
      } else if (box.getAttribute("role") === "region") {
        box.removeAttribute("tabindex");
        box.removeAttribute("role");
        box.removeAttribute("aria-label");
      }
    });
  }
  document.addEventListener("DOMContentLoaded", update);
  window.addEventListener("resize", update);
})();
