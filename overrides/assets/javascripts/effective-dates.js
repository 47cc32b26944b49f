/* Keep a page honest between rebuilds.
 *
 * The site is rebuilt every day, and each page is correct as of its build. If a reader
 * opens a page after an announced effective date that passed since the build (a missed
 * rebuild, a cached copy), this shows the words the next build would show: every
 * [data-switch-on="YYYY-MM-DD"] element swaps its [data-before] part for its
 * [data-after] part once that date has come in the site's time zone. No request, no
 * storage: it only reads the clock.
 */
(function () {
  "use strict";
  var meta = document.querySelector('meta[name="privacy-site-timezone"]');
  var zone = meta && meta.getAttribute("content");
  if (!zone) return;  // every page names the district's zone; no guess at another one

  function today() {
    var parts = {};
    new Intl.DateTimeFormat("en-US", {
      timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit"
    }).formatToParts(new Date()).forEach(function (part) { parts[part.type] = part.value; });
    return parts.year + "-" + parts.month + "-" + parts.day;
  }

  function apply() {
    var now = today();
    document.querySelectorAll("[data-switch-on]").forEach(function (element) {
      var passed = element.getAttribute("data-switch-on") <= now;
      element.querySelectorAll(":scope > [data-before]").forEach(function (part) { part.hidden = passed; });
      element.querySelectorAll(":scope > [data-after]").forEach(function (part) { part.hidden = !passed; });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", apply);
  } else {
    apply();
  }
})();
