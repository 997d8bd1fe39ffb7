/* fazhi: accessibility fixes to theme markup that need no template override.
   - The search overlay is a role=dialog without a name: screen readers announce it as 搜索.
   - The search results list scrolls: it must be reachable by keyboard (tabindex=0). */
(function () {
  var search = document.querySelector(".md-search[role=dialog]");
  if (search && !search.hasAttribute("aria-label")) search.setAttribute("aria-label", "搜索");
  document.querySelectorAll(".md-search__scrollwrap").forEach(function (region) {
    if (!region.hasAttribute("tabindex")) region.setAttribute("tabindex", "0");
    if (!region.hasAttribute("aria-label")) region.setAttribute("aria-label", "搜索结果");
  });
})();
