/* Similar ideas while a contribution is written (the public form only works without this).

   The form names where to ask: <form data-similar-url="..." data-similar-for="id_text">.
   A moment after the writer stops typing, and once the text says enough, the server is asked
   for the published contributions on the same subject, in the page's language. They are
   shown under the text field; a polite live region says how many there are, once, without
   reading the list aloud or moving the focus. Links open in a new tab so the text being
   written is never lost. */
(function () {
  "use strict";

  var DELAY = 900; // ms after the last key
  var MIN_LENGTH = 30; // characters: fewer say too little about the subject

  function setUp(form) {
    var field = document.getElementById(form.getAttribute("data-similar-for"));
    if (!field) {
      return;
    }
    var box = document.createElement("div");
    box.className = "similar-ideas-box";
    var status = document.createElement("p");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    var anchor = field.closest(".field") || field;
    anchor.insertAdjacentElement("afterend", box);
    box.insertAdjacentElement("afterend", status);
    var timer = null;
    var asked = "";
    var pending = null;

    function show(html) {
      box.innerHTML = html;
      var section = box.querySelector("[data-announce]");
      status.textContent = section ? section.getAttribute("data-announce") : "";
    }

    function ask() {
      var text = field.value.trim();
      if (text.length < MIN_LENGTH || text === asked) {
        return;
      }
      asked = text;
      if (pending) {
        pending.abort();
      }
      pending = new AbortController();
      var url = form.getAttribute("data-similar-url") + "?text=" + encodeURIComponent(text);
      fetch(url, { signal: pending.signal, credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.text() : null; })
        .then(function (html) { if (html !== null) { show(html); } })
        .catch(function () { /* offline or aborted: the form works as before */ });
    }

    field.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(ask, DELAY);
    });
  }

  document.querySelectorAll("form[data-similar-url]").forEach(setUp);
})();
