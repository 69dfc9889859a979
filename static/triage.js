// Triage at the keyboard: j/k move through rows, x selects, Enter opens, a/p/r/n/d choose a
// disposition in the open comment, Ctrl+Enter saves it. Shift-click selects a range.
(function () {
  "use strict";
  var rows = Array.prototype.slice.call(document.querySelectorAll("[data-row]"));
  var boxes = Array.prototype.slice.call(document.querySelectorAll("[data-select]"));
  var countOutput = document.querySelector("[data-selected-count]");
  var bar = document.querySelector("[data-bulk-bar]");
  var lastChecked = null;

  function updateCount() {
    var n = boxes.filter(function (b) { return b.checked; }).length;
    if (countOutput) countOutput.textContent = String(n);
    if (bar) bar.classList.toggle("bulk-bar--active", n > 0);
  }

  boxes.forEach(function (box) {
    box.addEventListener("click", function (event) {
      if (event.shiftKey && lastChecked && lastChecked !== box) {
        var from = boxes.indexOf(lastChecked), to = boxes.indexOf(box);
        boxes.slice(Math.min(from, to), Math.max(from, to) + 1).forEach(function (b) { b.checked = box.checked; });
      }
      lastChecked = box;
      updateCount();
    });
  });
  var all = document.querySelector("[data-select-all]");
  if (all) all.addEventListener("change", function () {
    boxes.forEach(function (b) { b.checked = all.checked; });
    updateCount();
  });

  var bulkForm = document.querySelector("[data-bulk-form]");
  if (bulkForm) bulkForm.addEventListener("submit", function (event) {
    var n = boxes.filter(function (b) { return b.checked; }).length;
    var decision = bulkForm.querySelector("[name=decision]");
    var label = decision.options[decision.selectedIndex].text;
    if (!n || !window.confirm("Record “" + label + "” for " + n + " selected comment" + (n === 1 ? "" : "s") + "?")) {
      event.preventDefault();
    }
  });

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-duplicate-of]");
    if (!button) return;
    var form = document.querySelector("[data-disposition-form]");
    if (!form) return;
    form.querySelector("input[name=decision][value=duplicate]").checked = true;
    form.querySelector("input[name=duplicate_of]").value = button.dataset.duplicateOf;
    form.querySelector("textarea[name=response]").focus();
  });

  function current() {
    var index = rows.indexOf(document.activeElement.closest && document.activeElement.closest("[data-row]"));
    if (index < 0) index = rows.findIndex(function (r) { return r.classList.contains("is-open"); });
    return index;
  }

  function focusRow(index) {
    if (!rows.length) return;
    index = Math.max(0, Math.min(rows.length - 1, index));
    rows[index].focus();
  }

  document.addEventListener("keydown", function (event) {
    var target = event.target;
    var form = document.querySelector("[data-disposition-form]");
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey) && form && form.contains(target)) {
      event.preventDefault();
      form.requestSubmit();
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (/^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName) || target.isContentEditable) return;
    var index = current();
    if (event.key === "j") { event.preventDefault(); focusRow(index + 1); }
    else if (event.key === "k") { event.preventDefault(); focusRow(index - 1); }
    else if (event.key === "x" && index >= 0) {
      var box = rows[index].querySelector("[data-select]");
      box.checked = !box.checked;
      updateCount();
    } else if (event.key === "Enter" && index >= 0 && target.matches("[data-row]")) {
      window.location.href = rows[index].dataset.openUrl;
    } else if ("aprnd".indexOf(event.key) >= 0 && form) {
      var choice = form.querySelector('input[name=decision][data-key="' + event.key + '"]');
      if (choice) {
        event.preventDefault();
        choice.checked = true;
        form.querySelector("textarea[name=response]").focus();
      }
    }
  });

  var open = document.querySelector("[data-row].is-open");
  if (open) open.focus({ preventScroll: false });
  updateCount();
})();
