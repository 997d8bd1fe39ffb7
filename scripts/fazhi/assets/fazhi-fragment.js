/* fazhi: indicator links point at their source sentence with a text fragment (#:~:text=start,end).
   Browsers that support text fragments scroll to and highlight the sentence themselves and hide the
   directive from location.hash; in the others this script finds the paragraph holding the sentence,
   scrolls to it and marks it. */
(function () {
  "use strict";
  var MARK = "fz-fragment-target";
  function squeeze(text) { return text.replace(/\s+/g, ""); }
  function terms(hash) {
    var at = hash.indexOf(":~:text=");
    if (at < 0) return null;
    var raw = hash.slice(at + 8).split("&")[0].split(",");
    raw = raw.filter(function (p) { return !/-$/.test(p) && !/^-/.test(p); });
    try { return raw.map(function (p) { return squeeze(decodeURIComponent(p)); }); }
    catch (e) { return null; }
  }
  function find(parts) {
    var paragraphs = document.querySelectorAll("article p, article li");
    for (var i = 0; i < paragraphs.length; i++) {
      var text = squeeze(paragraphs[i].textContent);
      var start = text.indexOf(parts[0]);
      if (start >= 0 && (parts.length < 2 || text.indexOf(parts[1], start) >= 0)) return paragraphs[i];
    }
    return null;
  }
  function show(hash) {
    var parts = terms(typeof hash === "string" ? hash : location.hash);
    if (!parts || !parts[0]) return;
    var target = find(parts);
    if (!target) return;
    Array.prototype.forEach.call(document.querySelectorAll("." + MARK), function (el) {
      el.classList.remove(MARK);
    });
    target.classList.add(MARK);
    target.scrollIntoView({ block: "center" });
  }
  window.fazhiShowFragment = show;
  window.addEventListener("hashchange", show);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", show);
  else show();
})();
