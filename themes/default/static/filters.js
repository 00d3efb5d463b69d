// Instant filters on the products listing. Without this script the filter
// links lead to pre-built pages that list the same products; with it, a
// click narrows the listing in place. Choices of one facet add up (any of
// them); facets narrow each other (all of them). The choice is kept in the
// address (?category=fruit&stars=4) so it can be shared.
(function () {
  "use strict";
  var nav = document.querySelector("[data-filters]");
  if (!nav) return;
  var cards = Array.prototype.slice.call(document.querySelectorAll("li.card[data-category]"));
  var groups = Array.prototype.slice.call(document.querySelectorAll(".product-group"));
  var count = document.getElementById("record-count");
  var clear = nav.querySelector("[data-clear]");
  var links = Array.prototype.slice.call(nav.querySelectorAll("a[data-facet]"));
  var chosen = {};

  function has(facet, value) {
    return !!(chosen[facet] && chosen[facet].indexOf(value) >= 0);
  }

  function matches(card) {
    for (var facet in chosen) {
      if (!chosen[facet].length) continue;
      var values = (card.getAttribute("data-" + facet) || "").split(" ");
      var any = chosen[facet].some(function (v) { return values.indexOf(v) >= 0; });
      if (!any) return false;
    }
    return true;
  }

  function apply(push) {
    var shown = 0;
    cards.forEach(function (card) {
      var ok = matches(card);
      card.hidden = !ok;
      if (ok) shown++;
    });
    groups.forEach(function (g) {
      var visible = g.querySelectorAll("li.card:not([hidden])").length;
      g.hidden = visible === 0;
      var c = g.querySelector("[data-group-count]");
      if (c) c.textContent = "(" + visible + ")";
    });
    links.forEach(function (a) {
      a.setAttribute("aria-pressed", has(a.dataset.facet, a.dataset.value) ? "true" : "false");
    });
    var any = Object.keys(chosen).some(function (f) { return chosen[f].length; });
    if (clear) clear.parentNode.hidden = !any;
    if (count && count.dataset.shown) {
      count.textContent = count.dataset.shown
        .replace("{n}", String(shown))
        .replace("{total}", count.dataset.total);
    }
    if (push) {
      var params = new URLSearchParams();
      Object.keys(chosen).sort().forEach(function (f) {
        if (chosen[f].length) params.set(f, chosen[f].join(","));
      });
      var q = params.toString();
      history.replaceState(null, "", location.pathname + (q ? "?" + q : ""));
    }
  }

  links.forEach(function (a) {
    // The links become toggle buttons; Space presses them as Enter does.
    a.setAttribute("role", "button");
    a.addEventListener("click", function (e) {
      e.preventDefault();
      var f = a.dataset.facet, v = a.dataset.value;
      var list = chosen[f] || (chosen[f] = []);
      var i = list.indexOf(v);
      if (i >= 0) list.splice(i, 1); else list.push(v);
      apply(true);
    });
    a.addEventListener("keydown", function (e) {
      if (e.key === " ") { e.preventDefault(); a.click(); }
    });
  });
  if (clear) {
    clear.addEventListener("click", function (e) {
      e.preventDefault();
      chosen = {};
      apply(true);
    });
  }

  var params = new URLSearchParams(location.search);
  links.forEach(function (a) {
    var wanted = (params.get(a.dataset.facet) || "").split(",");
    if (wanted.indexOf(a.dataset.value) >= 0 && !has(a.dataset.facet, a.dataset.value)) {
      (chosen[a.dataset.facet] = chosen[a.dataset.facet] || []).push(a.dataset.value);
    }
  });
  apply(false);
})();
