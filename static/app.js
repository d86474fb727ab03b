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
  function live() { return window.htmx && document.getElementById("results"); }
  // Load a filter URL into the list (the server answers with HX-Push-Url, so the address follows).
  function load(url) {
    window.htmx.ajax("GET", url, { target: "#results", swap: "innerHTML show:#status:top" });
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
    // the inline source needs htmx; without it the card's article link is there
    event.target.querySelectorAll("details.source[hidden]").forEach(function (d) { d.hidden = false; });
    var form = document.getElementById("filters");
    if (form) form.classList.add("live");
  });
  // A rejected filter (400) comes with the page fragment and the message beside its field:
  // swap it in rather than dropping it, and keep the address as it was.
  document.addEventListener("htmx:beforeSwap", function (event) {
    var xhr = event.detail.xhr;
    if (xhr.status === 400 && xhr.getResponseHeader("X-Filter-Error") !== null) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });
  // After the list is replaced: the search box follows the address (a removed chip clears it),
  // and focus moves to the results status only when it was lost.
  document.addEventListener("htmx:afterSettle", function (event) {
    if (event.target.id !== "results") return;
    var box = document.getElementById("f-q");
    if (box && document.activeElement !== box) {
      box.value = new URLSearchParams(location.search).get("q") || "";
    }
    if (document.activeElement === document.body) {
      var status = document.getElementById("status");
      if (status) { status.setAttribute("tabindex", "-1"); status.focus({ preventScroll: true }); }
    }
  });
  // Links in the charts and the filter chips load in place (plain links without JavaScript).
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("svg[data-live] a[href], .chips a[href]");
    if (!link || !live() || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) return;
    event.preventDefault();
    load(link.getAttribute("href"));
  });
  // Dragging across the time axis chooses a date range: it fills the form's dates and submits.
  var NS = "http://www.w3.org/2000/svg";
  var drag = null;
  function dayAt(svg, clientX) {
    var box = svg.getBoundingClientRect();
    var gutter = parseFloat(svg.dataset.gutter) / 100, right = parseFloat(svg.dataset.right) / 100;
    var f = ((clientX - box.left) / box.width - gutter) / (right - gutter);
    f = Math.min(Math.max(f, 0), 1);
    var start = Date.parse(svg.dataset.start + "T00:00:00Z"), end = Date.parse(svg.dataset.end + "T00:00:00Z");
    var day = new Date(start + Math.round(f * (end - start) / 864e5) * 864e5);
    return day.toISOString().slice(0, 10);
  }
  document.addEventListener("pointerdown", function (event) {
    var svg = event.target.closest && event.target.closest("svg.axis-svg");
    if (!svg || event.button !== 0) return;
    var box = svg.getBoundingClientRect();
    var brush = document.createElementNS(NS, "rect");
    brush.setAttribute("class", "brush");
    brush.setAttribute("y", "0");
    brush.setAttribute("height", svg.getAttribute("height"));
    brush.setAttribute("width", "0");
    svg.appendChild(brush);
    drag = { svg: svg, x0: event.clientX, left: box.left, brush: brush, moved: false };
  });
  document.addEventListener("pointermove", function (event) {
    if (!drag) return;
    var a = Math.min(drag.x0, event.clientX) - drag.left, b = Math.max(drag.x0, event.clientX) - drag.left;
    if (b - a > 4) drag.moved = true;
    drag.brush.setAttribute("x", String(a));
    drag.brush.setAttribute("width", String(b - a));
  });
  document.addEventListener("pointerup", function (event) {
    if (!drag) return;
    var d = drag;
    drag = null;
    d.brush.remove();
    if (!d.moved) return;
    var first = dayAt(d.svg, Math.min(d.x0, event.clientX)), last = dayAt(d.svg, Math.max(d.x0, event.clientX));
    d.svg.dataset.dragged = "1";
    var form = document.getElementById("filters");
    var from = document.getElementById("f-from"), to = document.getElementById("f-to");
    if (form && from && to) {
      from.value = first;
      to.value = last;
      if (form.requestSubmit) form.requestSubmit(); else form.submit();
    } else {
      var url = new URL(location.href);
      url.searchParams.set("from", first);
      url.searchParams.set("to", last);
      url.searchParams.delete("after");
      location.href = url.toString();
    }
  });
  // A drag that ends on a column is not also a click on it.
  document.addEventListener("click", function (event) {
    var svg = event.target.closest && event.target.closest("svg.axis-svg");
    if (svg && svg.dataset.dragged) {
      delete svg.dataset.dragged;
      event.preventDefault();
      event.stopPropagation();
    }
  }, true);
})();
