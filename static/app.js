// Small progressive enhancements; the pages work without this file.
(function () {
  "use strict";
  // The copy-link button on permalink pages (shown only when the clipboard API is there).
  function setupCopy(root) {
    root.querySelectorAll("button[data-copy]").forEach(function (button) {
      if (!navigator.clipboard) return;
      button.hidden = false;
      if (button.dataset.ready) return;
      button.dataset.ready = "1";
      button.addEventListener("click", function () {
        var status = button.parentNode.querySelector(".copy-status");
        navigator.clipboard.writeText(button.dataset.copy).then(function () {
          if (status) status.textContent = button.dataset.copied;
        }, function () {
          var input = button.parentNode.querySelector("input");
          if (input) { input.focus(); input.select(); }
        });
      });
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    setupCopy(document);
    // CSS shows the filters on wide screens: say they are open
    var panel = document.querySelector(".filters-panel");
    if (panel && matchMedia("(min-width:46.01rem)").matches) panel.open = true;
  });
  // The no-JS "Apply" button is not needed when htmx updates the list as filters change.
  document.addEventListener("htmx:load", function (event) {
    setupCopy(event.target);
    var form = document.getElementById("filters");
    if (form) form.classList.add("live");
  });
  // After the list is replaced, move focus to the results status only when focus was lost.
  document.addEventListener("htmx:afterSettle", function (event) {
    if (event.target.id === "results" && document.activeElement === document.body) {
      var status = document.getElementById("status");
      if (status) { status.setAttribute("tabindex", "-1"); status.focus({ preventScroll: true }); }
    }
  });
})();
