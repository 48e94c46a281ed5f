/* Live character count for a text with a length limit (a commitment's short description,
   CM2). Nothing is cut while typing: the server refuses a text that is too long and says
   why; this only shows the length as it changes.

   The counter is an element with aria-live="polite", rendered by the server with the
   current count, that names its field and carries the texts to show, already translated:
     data-count-for  the id of the field
     data-limit      the number of characters the text must stay under
     data-under      e.g. "{count} characters: {left} left."
     data-over       e.g. "{count} characters: {over} too many..."
   The count follows the server's: text trimmed, line breaks as the browser sends them
   (CR LF), one per character (code point), not per UTF-16 unit. */
(function () {
  "use strict";

  var DELAY = 300; // ms after the last key: screen readers hear the count once, not per key

  function length(text) {
    return Array.from(text.trim().replace(/\r?\n/g, "\r\n")).length;
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (match, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : match;
    });
  }

  function setUp(counter) {
    var field = document.getElementById(counter.getAttribute("data-count-for"));
    var limit = parseInt(counter.getAttribute("data-limit"), 10);
    if (!field || !limit) {
      return;
    }
    var most = limit - 1;
    var timer = null;

    function update() {
      var count = length(field.value);
      var over = count > most;
      var text = fill(counter.getAttribute(over ? "data-over" : "data-under"), {
        count: count, left: most - count, over: count - most, limit: limit
      });
      if (counter.textContent !== text) {
        counter.textContent = text;
      }
      counter.classList.toggle("is-over", over);
    }

    field.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(update, DELAY);
    });
    update();
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-count-for]"), setUp);
})();
