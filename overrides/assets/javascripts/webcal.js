/* The "Follow changes" page's calendar link, where the site's address was not known when
   it was built: the same calendar on this site, with the scheme calendar apps subscribe
   with (webcal://), so a phone adds it instead of downloading a file. */
(function () {
  "use strict";
  var links = document.querySelectorAll("a[data-webcal]");
  for (var i = 0; i < links.length; i += 1) {
    var url = new URL(links[i].getAttribute("href"), document.baseURI);
    if (url.protocol === "https:" || url.protocol === "http:") {
      links[i].setAttribute("href", "webcal://" + url.host + url.pathname);
    }
  }
})();
