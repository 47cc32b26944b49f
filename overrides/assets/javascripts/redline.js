/* The redline's other view: one button shows the whole text (every folded, unchanged
 * section opened) or folds the unchanged sections again. Without JavaScript the button
 * stays hidden and each folded section still opens by itself (<details>). No request,
 * no storage.
 */
(function () {
  "use strict";
  function setUp() {
    var holder = document.querySelector(".redline-whole");
    var sections = document.querySelectorAll("details.redline-unchanged");
    if (!holder || !sections.length) { return; }
    var button = holder.querySelector("button");
    function update() {
      var allOpen = Array.prototype.every.call(sections, function (d) { return d.open; });
      button.textContent = button.getAttribute(allOpen ? "data-fold" : "data-show");
      button.setAttribute("aria-pressed", allOpen ? "true" : "false");
    }
    button.addEventListener("click", function () {
      var open = button.getAttribute("aria-pressed") !== "true";
      sections.forEach(function (d) { d.open = open; });
      update();
    });
    sections.forEach(function (d) { d.addEventListener("toggle", update); });
    holder.hidden = false;
    update();
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
