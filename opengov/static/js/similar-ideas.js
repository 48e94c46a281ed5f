/* Similar ideas while a contribution is written (the public form only works without this).

   The form names where to ask: <form data-similar-url="..." data-similar-for="id_text">.
   A moment after the writer stops typing, and once the text says enough, the server is asked
   for the published contributions on the same subject, in the page's language. Only the
   longest words go (what the server ranks by), never the draft itself: a draft that is not
   sent stays on the writer's screen, not in a server's log. The list shows under the text
   field; a polite live region says how many there are when that changes, without reading
   the list aloud or moving the focus. Links open in a new tab so the text being written is
   never lost. */
(function () {
  "use strict";

  var DELAY = 900; // ms after the last key
  var MIN_LENGTH = 30; // characters: fewer say too little about the subject
  var WORDS = 12; // the server keeps the 8 longest that are not common words

  function telling(text) {
    var seen = {};
    return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) || [])
      .filter(function (word) {
        if (word.length < 4 || seen[word]) { return false; }
        seen[word] = true;
        return true;
      })
      .sort(function (a, b) { return b.length - a.length || (a < b ? -1 : 1); })
      .slice(0, WORDS)
      .join(" ");
  }

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
      var said = section ? section.getAttribute("data-announce") : "";
      if (said !== status.textContent) {
        status.textContent = said; // heard once per change, not after every pause
      }
    }

    function ask() {
      var text = field.value.trim();
      var words = telling(text);
      if (text.length < MIN_LENGTH) {
        asked = "";
        show("");
        return;
      }
      if (words === asked) {
        return;
      }
      asked = words;
      if (pending) {
        pending.abort();
      }
      pending = new AbortController();
      var url = form.getAttribute("data-similar-url") + "?text=" + encodeURIComponent(words);
      fetch(url, { signal: pending.signal, credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.text() : ""; })
        .then(show)
        .catch(function (error) {
          if (error.name !== "AbortError") { show(""); } // offline: the form works as before
        });
    }

    field.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(ask, DELAY);
    });
  }

  document.querySelectorAll("form[data-similar-url]").forEach(setUp);
})();
