/* Material opens its menu, its search and its navigation sections with <label> elements,
 * which a keyboard cannot press. Inside each, the site puts a focusable
 * <span role="button" data-controls="<checkbox id>"> (hooks/page_access.py); this lets
 * Enter and Space press it (the click reaches the label, which toggles the checkbox), and
 * keeps aria-expanded true to that checkbox. Opening search puts the cursor in its box
 * (on a phone the focus stayed on the button: the reader had to tap the box again).
 * No request, no storage.
 */
(function () {
  "use strict";
  function sync() {
    document.querySelectorAll("[role='button'][data-controls]").forEach(function (button) {
      var box = document.getElementById(button.getAttribute("data-controls"));
      if (box) { button.setAttribute("aria-expanded", box.checked ? "true" : "false"); }
    });
  }

  document.addEventListener("keydown", function (event) {
    var button = event.target;
    if (!(button instanceof HTMLElement) || !button.matches("[role='button'][data-controls]")) {
      return;
    }
    if (event.key !== "Enter" && event.key !== " ") { return; }
    event.preventDefault();
    button.click();
    sync();
  });
  document.addEventListener("change", function (event) {
    sync();
    var box = event.target;
    if (box instanceof HTMLInputElement && box.id === "__search" && box.checked) {
      var field = document.querySelector(".md-search__input");
      // after the browser has moved focus to what was tapped, and the overlay is shown
      if (field) { requestAnimationFrame(function () { field.focus(); }); }
    }
  });
  sync();
})();
