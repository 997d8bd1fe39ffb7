/*
 * fazhi site search, browser side. Finds exactly what was typed:
 *   1. fold the query as the index was folded (NFKC, lower case, traditional → simplified, no whitespace);
 *   2. fetch the index shards of the query's characters/bigrams and intersect their postings: every page that
 *      contains the query is a candidate (a page containing it contains each of its bigrams);
 *   3. fetch candidate texts a result page at a time and keep those containing the folded query literally.
 * Index layout: scripts/fazhi/search.py. Markup: theme/partials/fazhi-search.html.
 */
(function () {
  "use strict";

  var PAGE = 10;
  var MAX_KEYS = 12;
  var MAX_CHECKS = 50;
  var ALL_AT_ONCE = 100;  /* a site this small is checked completely on the first search */
  var B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  var root = document.querySelector("[data-fz-search]");
  if (!root) return;
  var base = new URL((root.getAttribute("data-fz-base") || ".") + "/", document.baseURI);
  var input = root.querySelector("input[name=q]");
  var statusEl = root.querySelector(".fz-search-status");
  var list = root.querySelector(".fz-search-results");
  var moreEl = root.querySelector(".fz-search-more");
  var toggle = document.getElementById("__search");
  var cache = {};
  var manifest = null;
  var current = null;

  function fetchJSON(path) {
    if (!cache[path]) {
      var url = new URL("search/" + path + (manifest ? "?v=" + manifest.v : ""), base);
      /* The manifest is revalidated on every visit; it names the build (v) that every other file is fetched for. */
      cache[path] = fetch(url, manifest ? {} : { cache: "no-cache" }).then(function (r) {
        if (!r.ok) throw new Error(r.status + " " + url);
        return r.json();
      });
      cache[path].catch(function () { delete cache[path]; });
    }
    return cache[path];
  }

  function loadManifest() {
    return fetchJSON("manifest.json").then(function (m) { manifest = m; return m; });
  }

  /* Folded text plus, for each folded character, the index of the source character it came from. */
  function fold(text, table) {
    var out = [], from = [], i = 0;
    for (var ch of text) {
      if (!/\s/.test(ch)) {
        for (var c of ch.normalize("NFKC").toLowerCase()) {
          if (/\s/.test(c)) continue;
          out.push(table[c] || c);
          from.push(i);
        }
      }
      i += ch.length;
    }
    return { text: out.join(""), from: from };
  }

  function fnv1a(key) {
    var h = 0x811c9dc5;
    for (var i = 0; i < key.length; i++) {
      h ^= key.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h;
  }

  /* Single characters for a one-character query, else its distinct bigrams (at most MAX_KEYS, spread over
   * the query and always covering every character). */
  function queryKeys(q) {
    var chars = Array.from(q);
    if (chars.length === 1) return chars;
    var starts = [];
    for (var i = 0; i < chars.length - 1; i++) starts.push(i);
    if (starts.length > MAX_KEYS) {
      var cover = [];
      for (var c = 0; c < chars.length - 1; c += 2) cover.push(c);
      if (cover[cover.length - 1] !== chars.length - 2) cover.push(chars.length - 2);
      var step = (cover.length - 1) / (MAX_KEYS - 1);
      starts = cover.length <= MAX_KEYS ? cover
        : Array.from({ length: MAX_KEYS }, function (_, k) { return cover[Math.round(k * step)]; });
    }
    var keys = starts.map(function (s) { return chars[s] + chars[s + 1]; });
    return keys.filter(function (k, n) { return keys.indexOf(k) === n; });
  }

  function decodeGaps(text) {
    var ids = [], last = -1, gap = 0, shift = 0;
    for (var i = 0; i < text.length; i++) {
      var d = B64.indexOf(text[i]);
      gap |= (d & 31) << shift;
      if (d & 32) { shift += 5; continue; }
      last += gap + 1;
      ids.push(last);
      gap = 0; shift = 0;
    }
    return ids;
  }

  function intersect(lists) {
    lists.sort(function (a, b) { return a.length - b.length; });
    var result = lists[0] || [];
    for (var n = 1; n < lists.length; n++) {
      var other = new Set(lists[n]);
      result = result.filter(function (id) { return other.has(id); });
    }
    return result;
  }

  /* Candidate documents, those whose title/place hold every key first, each group in index order. */
  function candidates(q) {
    var keys = queryKeys(q);
    var shardIds = keys.map(function (k) { return fnv1a(k) % manifest.shards; });
    return Promise.all(shardIds.map(function (s) { return fetchJSON("k/" + s + ".json"); }))
      .then(function (shards) {
        var all = [], fields = [];
        for (var n = 0; n < keys.length; n++) {
          var entry = shards[n][keys[n]];
          if (!entry) return [];
          all.push(decodeGaps(entry[0]));
          fields.push(decodeGaps(entry[1]));
        }
        var found = intersect(all);
        var first = new Set(intersect(fields));
        return found.filter(function (id) { return first.has(id); })
          .concat(found.filter(function (id) { return !first.has(id); }));
      });
  }

  function docMeta(id) {
    return fetchJSON("d/" + Math.floor(id / manifest.chunk) + ".json").then(function (rows) {
      var row = rows[id % manifest.chunk];
      return { id: id, url: row[0], title: row[1], place: row[2], year: row[3], kind: row[4] };
    });
  }

  /* The document if its text contains the folded query, with where: null otherwise. */
  function verify(id, q) {
    return fetchJSON("t/" + id + ".json").then(function (text) {
      var hits = [], count = 0;
      text.s.forEach(function (section) {
        section[1].forEach(function (block) {
          var f = fold(block, manifest.t2s);
          var at = f.text.indexOf(q);
          if (at < 0) return;
          for (var p = at; p >= 0; p = f.text.indexOf(q, p + q.length)) count++;
          hits.push({ heading: section[0], block: block, folded: f });
        });
      });
      if (!hits.length) return null;
      return docMeta(id).then(function (meta) {
        meta.hits = hits;
        meta.count = count;
        var title = fold(meta.title, manifest.t2s).text, place = fold(meta.place, manifest.t2s).text;
        meta.rank = title.indexOf(q) >= 0 ? 0 : place.indexOf(q) >= 0 ? 1 : 2;
        return meta;
      });
    });
  }

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text != null) node.textContent = text;
    return node;
  }

  /* `text` with every occurrence of the folded query wrapped in <mark>. */
  function marked(text, q, cls) {
    var node = el("span", cls);
    var f = fold(text, manifest.t2s), done = 0;
    for (var at = f.text.indexOf(q); at >= 0; at = f.text.indexOf(q, at + q.length)) {
      var start = f.from[at], last = at + q.length - 1;
      var end = last + 1 < f.from.length ? f.from[last + 1] : text.length;
      while (end > start && /\s/.test(text[end - 1])) end--;
      node.appendChild(document.createTextNode(text.slice(done, start)));
      node.appendChild(el("mark", null, text.slice(start, end)));
      done = end;
    }
    node.appendChild(document.createTextNode(text.slice(done)));
    return node;
  }

  function snippet(hit, q) {
    var at = hit.folded.text.indexOf(q);
    var start = Math.max(0, hit.folded.from[at] - 40);
    var end = Math.min(hit.block.length, hit.folded.from[at] + 110);
    var text = (start > 0 ? "…" : "") + hit.block.slice(start, end) + (end < hit.block.length ? "…" : "");
    return marked(text, q, "fz-snippet");
  }

  function resultItem(doc, query, q) {
    var li = el("li", "md-search-result__item");
    var a = el("a", "md-search-result__link");
    a.href = new URL(doc.url, base).href + "?q=" + encodeURIComponent(query);
    a.setAttribute("data-url", doc.url);
    var article = el("article", "md-search-result__article md-typeset");
    var title = el("h1", null);
    title.appendChild(marked(doc.title, q));
    article.appendChild(title);
    var facts = doc.kind === "page" ? ["本站页面"]
      : [doc.place || manifest.unknown, doc.year ? doc.year + "年度" : "年度" + manifest.unknown];
    article.appendChild(el("p", "fz-result-meta", facts.join(" · ")));
    var hit = doc.hits.find(function (h) { return h.block !== doc.title; }) || doc.hits[0];
    if (hit.heading) article.appendChild(el("p", "fz-result-section", hit.heading));
    var p = el("p", "fz-result-snippet");
    p.appendChild(snippet(hit, q));
    article.appendChild(p);
    if (doc.count > 1) article.appendChild(el("p", "fz-result-count", "本页共 " + doc.count + " 处"));
    a.appendChild(article);
    li.appendChild(a);
    return li;
  }

  function setStatus(text, state, query) {
    statusEl.textContent = text;
    root.setAttribute("data-state", state);
    root.setAttribute("data-query", query == null ? "" : query);
  }

  /* Milliseconds from the query to its first rendered answer, for `make bench`. */
  function stamp(run) {
    if (run.started == null) return;
    root.setAttribute("data-ms", String(Math.round(performance.now() - run.started)));
    run.started = null;
  }

  function render(run) {
    stamp(run);
    list.textContent = "";
    run.found.sort(function (a, b) { return a.rank - b.rank || a.id - b.id; });
    run.found.forEach(function (doc) { list.appendChild(resultItem(doc, run.query, run.q)); });
    input.setAttribute("aria-expanded", run.found.length ? "true" : "false");
    moreEl.textContent = "";
    var pending = run.queue.length;
    if (!run.found.length && !pending) return renderEmpty(run);
    if (pending) {
      setStatus("已找到 " + run.found.length + " 篇包含“" + run.query + "”的报告或页面，另有 " + pending + " 篇待核对", "partial", run.query);
      var button = el("button", "md-button fz-more", "显示更多结果");
      button.type = "button";
      button.addEventListener("click", function () { more(run); });
      moreEl.appendChild(button);
    } else {
      setStatus("共 " + run.found.length + " 篇包含“" + run.query + "”的报告或页面", "done", run.query);
    }
  }

  function renderEmpty(run) {
    stamp(run);
    setStatus("没有找到包含“" + run.query + "”的报告或页面。", "done", run.query);
    var p = el("p", "fz-search-empty", "请检查用字，或缩短查询；也可以按地区、年度浏览：");
    (manifest.browse || []).forEach(function (link, n) {
      if (n) p.appendChild(document.createTextNode("、"));
      var a = el("a", null, link.name);
      a.href = new URL(link.url, base).href;
      p.appendChild(a);
    });
    moreEl.appendChild(p);
  }

  /* Check queued candidates until PAGE more results are found, MAX_CHECKS texts were fetched, or none are left
   * (on a small site: until none are left). */
  function more(run) {
    var small = manifest.docs <= ALL_AT_ONCE;
    var target = small ? Infinity : run.found.length + PAGE, checks = 0;
    function step() {
      if (run !== current) return null;
      if (run.found.length >= target || (!small && checks >= MAX_CHECKS) || !run.queue.length) return render(run);
      checks += PAGE;
      var batch = run.queue.splice(0, PAGE);
      return Promise.all(batch.map(function (id) { return verify(id, run.q); })).then(function (docs) {
        docs.forEach(function (d) { if (d) run.found.push(d); });
        return step();
      });
    }
    setStatus("正在查找……", "loading");
    return step();
  }

  function search(query) {
    var run = { query: query.trim(), found: [], queue: [], started: performance.now() };
    current = run;
    if (!run.query) {
      list.textContent = "";
      moreEl.textContent = "";
      input.setAttribute("aria-expanded", "false");
      return setStatus("输入文字即可搜索全部报告", "idle");
    }
    setStatus("正在查找……", "loading");
    return loadManifest().then(function () {
      run.q = fold(run.query, manifest.t2s).text;
      if (!run.q) return renderEmpty(run);
      return candidates(run.q).then(function (ids) {
        run.queue = ids;
        return more(run);
      });
    }).catch(function (err) {
      if (run === current) setStatus("搜索出错：" + err.message, "error");
    });
  }

  var timer = null;
  var lastQuery = null;
  function schedule() {
    if (input.value === lastQuery) return;
    lastQuery = input.value;
    clearTimeout(timer);
    timer = setTimeout(function () { search(input.value); }, 120);
  }

  function focusResult(delta) {
    var links = Array.from(list.querySelectorAll("a"));
    var at = links.indexOf(document.activeElement);
    var next = at + delta;
    if (next < 0) return input.focus();
    if (links[Math.min(next, links.length - 1)]) links[Math.min(next, links.length - 1)].focus();
  }

  function open() {
    toggle.checked = true;
    toggle.dispatchEvent(new Event("change"));
    input.focus();
  }

  function close() {
    toggle.checked = false;
    toggle.dispatchEvent(new Event("change"));
    input.blur();
  }

  input.addEventListener("input", schedule);
  input.addEventListener("keyup", schedule);
  input.addEventListener("compositionend", schedule);
  input.addEventListener("focus", function () { if (!toggle.checked) open(); });
  root.querySelector("form").addEventListener("reset", function () {
    setTimeout(function () { lastQuery = null; schedule(); input.focus(); }, 0);
  });
  root.querySelector("form").addEventListener("submit", function (e) {
    e.preventDefault();
    var first = list.querySelector("a");
    if (first) first.focus();
  });
  toggle.addEventListener("change", function () {
    if (toggle.checked && document.activeElement !== input) input.focus();
  });
  document.addEventListener("keydown", function (e) {
    var inSearch = toggle.checked && root.contains(document.activeElement);
    if (inSearch && e.key === "Escape") { e.preventDefault(); close(); return; }
    if (inSearch && e.key === "ArrowDown") { e.preventDefault(); focusResult(1); return; }
    if (inSearch && e.key === "ArrowUp") { e.preventDefault(); focusResult(-1); return; }
    var typing = /^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement.tagName) ||
      document.activeElement.isContentEditable;
    if (!typing && !e.ctrlKey && !e.metaKey && !e.altKey && (e.key === "/" || e.key === "s")) {
      e.preventDefault();
      open();
    }
  });

  /* On a page opened from a result (?q=…): mark the query where it occurs and scroll to the first. */
  function highlightPage(query) {
    var article = document.querySelector(".md-content article");
    if (!article || !query) return;
    loadManifest().then(function () {
      var q = fold(query, manifest.t2s).text;
      if (!q) return;
      var walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
      var nodes = [];
      for (var n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n);
      var first = null;
      nodes.forEach(function (node) {
        if (fold(node.data, manifest.t2s).text.indexOf(q) < 0) return;
        var span = marked(node.data, q, "fz-page-hits");
        first = first || span.querySelector("mark");
        node.parentNode.replaceChild(span, node);
      });
      if (first) first.scrollIntoView({ block: "center" });
    });
  }

  highlightPage(new URLSearchParams(location.search).get("q"));
})();
