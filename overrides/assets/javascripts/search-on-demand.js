/* Search on demand: the search index and worker are fetched when the reader first opens
 * search (icon, label, "/" or "s", the search box focused), not with every page. Runs
 * before Material's script (overrides/main.html): holds back its request for the
 * language's search/search_index.json and gives it a stand-in for its search worker
 * (config.search), which creates the real one and passes messages on once released.
 * A page opened from a result (?h=) gets the index at once, for highlighting. No
 * storage, no request of its own; without JavaScript, the header links to /all-pages/.
 */
(function () {
  "use strict";
  var element = document.getElementById("__config");
  var toggle = document.getElementById("__search");
  if (!element || !toggle || !document.forms.namedItem("search") ||
      location.protocol === "file:" || typeof EventTarget !== "function" ||
      typeof window.Worker !== "function" || typeof window.WeakSet !== "function") {
    return;
  }
  var config;
  try {
    config = JSON.parse(element.textContent);
  } catch (error) {
    return;
  }
  if (!config || typeof config.search !== "string" || typeof config.base !== "string") {
    return;
  }
  var workerUrl = new URL(config.search, location.href).href;
  var indexUrl = new URL("search/search_index.json", new URL(config.base, location.href)).href;

  var held = { index: [], worker: [] };
  var released = { index: false, worker: false };
  function release(what) {
    if (released[what]) { return; }
    released[what] = true;
    held[what].splice(0).forEach(function (go) { go(); });
    if (released.index && released.worker) { restore(); }
  }

  /* The index request: opened at once by Material, sent when released. */
  var Request = XMLHttpRequest.prototype;
  var open = Request.open;
  var send = Request.send;
  var toHold = new WeakSet();
  Request.open = function (method, url) {
    if (!released.index && String(method).toUpperCase() === "GET" &&
        new URL(String(url), location.href).href === indexUrl) {
      toHold.add(this);
    } else {
      toHold.delete(this);
    }
    return open.apply(this, arguments);
  };
  Request.send = function () {
    if (!released.index && toHold.has(this)) {
      var request = this;
      var args = arguments;
      held.index.push(function () { send.apply(request, args); });
      return undefined;
    }
    return send.apply(this, arguments);
  };

  /* The worker: a stand-in that creates the real one when released. */
  var RealWorker = window.Worker;
  function Worker(url, options) {
    if (released.worker || new URL(String(url), location.href).href !== workerUrl) {
      return new RealWorker(url, options);
    }
    var standIn = new EventTarget();
    var real = null;
    var queue = [];
    var ended = false;
    standIn.postMessage = function () {
      if (real) { real.postMessage.apply(real, arguments); } else { queue.push(arguments); }
    };
    standIn.terminate = function () {
      ended = true;
      if (real) { real.terminate(); }
    };
    held.worker.push(function () {
      if (ended) { return; }
      real = new RealWorker(url, options);
      real.addEventListener("message", function (event) {
        standIn.dispatchEvent(new MessageEvent("message", { data: event.data }));
      });
      queue.splice(0).forEach(function (args) { real.postMessage.apply(real, args); });
    });
    return standIn;
  }
  Worker.prototype = RealWorker.prototype;
  window.Worker = Worker;

  function restore() {
    Request.open = open;
    Request.send = send;
    window.Worker = RealWorker;
    toggle.removeEventListener("change", onToggle);
    window.removeEventListener("pageshow", onToggle);
    document.removeEventListener("focusin", onFocus);
  }
  function useSearch() {
    release("index");
    release("worker");
  }
  function onToggle() {
    if (toggle.checked) { useSearch(); }
  }
  function onFocus(event) {
    var target = event.target;
    if (target instanceof Element && target.closest("form[name='search']")) { useSearch(); }
  }
  toggle.addEventListener("change", onToggle);
  window.addEventListener("pageshow", onToggle);  // search left open, the page come back to
  document.addEventListener("focusin", onFocus);

  var query = new URLSearchParams(location.search);
  if (query.has("q")) {
    useSearch();
  } else if (query.get("h")) {
    release("index");
  }
})();
