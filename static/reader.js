// Reading a draft: on narrow screens the table of contents starts folded, and folds
// again after a clause is chosen so the text is in view.
(function () {
  "use strict";
  var drawer = document.querySelector(".toc__drawer");
  if (!drawer) return;
  var narrow = window.matchMedia("(max-width: 60rem)");
  if (narrow.matches) drawer.removeAttribute("open");
  drawer.addEventListener("click", function (event) {
    if (narrow.matches && event.target.closest("a")) drawer.removeAttribute("open");
  });
})();
