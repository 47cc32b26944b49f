/* The Copy buttons of the staff page of messages (overrides/staff-messages.html): each
 * copies the text of the element its data-copy names, and says so beside the button.
 * Without JavaScript the buttons stay hidden and every text is selectable like any page
 * text. Where the browser refuses the clipboard, the text is selected instead, with how
 * to copy it. No request, no storage.
 */
(function () {
  "use strict";
  function select(element) {
    var range = document.createRange();
    range.selectNodeContents(element);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }
  function setUp() {
    var notes = [];
    document.querySelectorAll("button.staff-copy[data-copy]").forEach(function (button) {
      var target = document.getElementById(button.getAttribute("data-copy"));
      if (!target) { return; }
      var note = document.createElement("span");
      note.className = "staff-copy-note";
      note.setAttribute("role", "status");
      button.insertAdjacentElement("afterend", note);
      notes.push(note);
      button.hidden = false;
      var what = button.textContent.replace(/^Copy\s*/, "");
      function say(text) {
        notes.forEach(function (other) { other.textContent = ""; });
        note.textContent = text;
      }
      function fallBack() {
        select(target);
        say("Selected " + what + ": press Ctrl+C (\u2318C on a Mac) to copy it.");
      }
      button.addEventListener("click", function () {
        if (!navigator.clipboard || !window.isSecureContext) { fallBack(); return; }
        navigator.clipboard.writeText(target.textContent).then(function () {
          say("Copied " + what + ".");
        }, fallBack);
      });
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
