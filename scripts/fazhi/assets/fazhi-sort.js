/* Sortable tables for fazhi: click a column header of a table.fz-sortable to sort its rows.
   Cells with data-value sort as numbers (empty cells last); other cells sort as text (zh collation). */
(function () {
  "use strict";
  function key(cell) {
    if (!cell) return { empty: true };
    if (cell.hasAttribute("data-value")) {
      var raw = cell.getAttribute("data-value");
      if (raw === "") return { empty: true };
      return { num: parseFloat(raw) };
    }
    var text = cell.textContent.trim();
    return text === "" ? { empty: true } : { text: text };
  }
  function compare(a, b) {
    if (a.empty || b.empty) return a.empty === b.empty ? 0 : a.empty ? 1 : -1;
    if (a.num !== undefined && b.num !== undefined) return a.num - b.num;
    return String(a.text).localeCompare(String(b.text), "zh");
  }
  function sortBy(table, column, header) {
    var body = table.tBodies[0];
    var descending = header.getAttribute("aria-sort") === "ascending";
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (r1, r2) {
      var order = compare(key(r1.cells[column]), key(r2.cells[column]));
      var k1 = key(r1.cells[column]), k2 = key(r2.cells[column]);
      if (k1.empty || k2.empty) return order;
      return descending ? -order : order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
      th.removeAttribute("aria-sort");
    });
    header.setAttribute("aria-sort", descending ? "descending" : "ascending");
  }
  function enable(table) {
    if (!table.tHead || !table.tBodies.length) return;
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, column) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "fz-sort";
      button.textContent = th.textContent;
      button.title = "按此列排序";
      button.addEventListener("click", function () { sortBy(table, column, th); });
      th.textContent = "";
      th.appendChild(button);
    });
  }
  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("table.fz-sortable"), enable);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
