/* fazhi: accessibility fixes to Material's markup that need no template override.
   The search overlay is a role=dialog without a name; screen readers announce it as 搜索. */
(function () {
  var search = document.querySelector(".md-search[role=dialog]");
  if (search && !search.hasAttribute("aria-label")) search.setAttribute("aria-label", "搜索");
})();
