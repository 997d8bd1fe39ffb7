/* fazhi: indicator links point at their source sentence with a text fragment (#:~:text=start,end).
   Browsers that support text fragments highlight the sentence themselves, but only on some navigations
   (not without a user gesture, not always within the same page) and they hide the directive from
   location.hash. This script therefore reads the directive from the URL the page was loaded with (or
   from the link clicked on this page), finds the paragraph holding the sentence, scrolls to it and marks it.
   It is also all that browsers without text-fragment support get. */
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
    var paragraphs = document.querySelectorAll("article p, article li, article tr");
    for (var i = 0; i < paragraphs.length; i++) {
      var text = squeeze(paragraphs[i].textContent);
      var start = text.indexOf(parts[0]);
      if (start >= 0 && (parts.length < 2 || text.indexOf(parts[1], start) >= 0)) return paragraphs[i];
    }
    return null;
  }
  function unmark() {
    Array.prototype.forEach.call(document.querySelectorAll("mark.fz-fragment-sentence"), function (m) {
      var parent = m.parentNode;
      while (m.firstChild) parent.insertBefore(m.firstChild, m);
      parent.removeChild(m);
      parent.normalize();
    });
    Array.prototype.forEach.call(document.querySelectorAll("." + MARK), function (el) {
      el.classList.remove(MARK);
    });
  }
  /* Wrap the sentence in <mark> when it lies within one element; else the paragraph stays the mark. */
  function markSentence(paragraph, parts) {
    var walker = document.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT);
    var map = [];
    var text = "";
    for (var node = walker.nextNode(); node; node = walker.nextNode()) {
      for (var i = 0; i < node.data.length; i++) {
        if (!/\s/.test(node.data[i])) { map.push([node, i]); text += node.data[i]; }
      }
    }
    var start = text.indexOf(parts[0]);
    if (start < 0) return null;
    var end = parts.length > 1 ? text.indexOf(parts[1], start) + parts[1].length : start + parts[0].length;
    var range = document.createRange();
    range.setStart(map[start][0], map[start][1]);
    range.setEnd(map[end - 1][0], map[end - 1][1] + 1);
    var mark = document.createElement("mark");
    mark.className = "fz-fragment-sentence";
    try {
      range.surroundContents(mark);
      return mark;
    } catch (err) {
      return null; /* the sentence crosses an element: the paragraph mark stays */
    }
  }
  function show(hash) {
    var parts = terms(typeof hash === "string" ? hash : location.hash);
    if (!parts || !parts[0]) return;
    var target = find(parts);
    if (!target) return;
    unmark();
    target.classList.add(MARK);
    (markSentence(target, parts) || target).scrollIntoView({ block: "center" });
  }
  function loadedWith() {
    var entries = window.performance && performance.getEntriesByType
      ? performance.getEntriesByType("navigation") : [];
    return location.hash.indexOf(":~:") >= 0 || !entries.length ? location.hash : entries[0].name;
  }
  function onClick(event) {
    var link = event.target.closest ? event.target.closest('a[href*="#:~:text="]') : null;
    if (link && link.pathname === location.pathname) {
      event.preventDefault();
      show(link.getAttribute("href"));
    }
  }
  window.fazhiShowFragment = show;
  window.addEventListener("hashchange", function () { show(location.hash); });
  document.addEventListener("click", onClick);
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { show(loadedWith()); });
  } else {
    show(loadedWith());
  }
})();
