/* Small helps every page shares (the site works without them).

   1. A wide table scrolls sideways inside its box on a small screen. Such a box must be
      reachable with the keyboard and named for screen readers (WCAG 2.1.1, 4.1.2): while it
      overflows it becomes a focusable region named after the table's caption.
   2. After a form is sent back, what the person must read next gets the focus, and with it
      the screen: the error summary, or else what the page marks with data-focus-on-load
      (a preview).
   3. The site's menu is a <details> disclosure, folded on a phone. On a wide screen it is
      opened and its button hidden, so the links show in the header as on any site. */
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
  function focusWhatMatters() {
    var target = document.getElementById("error-summary") ||
      document.querySelector("[data-focus-on-load]");
    if (target) {
      if (!target.hasAttribute("tabindex")) {
        target.setAttribute("tabindex", "-1");
      }
      target.focus();
    }
  }
  var wide = window.matchMedia("(min-width: 62rem)");
  function layMenu() {
    var menu = document.querySelector(".site-menu");
    if (!menu) {
      return;
    }
    document.documentElement.classList.toggle("menu-wide", wide.matches);
    if (wide.matches) {
      menu.setAttribute("open", "");
    } else {
      menu.removeAttribute("open");
    }
  }
  document.addEventListener("DOMContentLoaded", function () {
    layMenu();
    update();
    focusWhatMatters();
  });
  if (wide.addEventListener) {
    wide.addEventListener("change", layMenu);
  }
  window.addEventListener("resize", update);
})();
