// Comments in place: open a paragraph's thread under it, post without leaving the page,
// count characters, confirm withdrawals. Every link and form also works without this file.
(function () {
  "use strict";

  function plural(n) { return n === 1 ? "1 comment" : n + " comments"; }

  function countIn(panel) {
    return panel.querySelectorAll(".comment:not(.comment--hidden)").length;
  }

  function updateToggle(slot) {
    var toggle = document.querySelector('[aria-controls="' + slot.id + '"]');
    var panel = slot.querySelector("[data-thread-panel]");
    if (!toggle || !panel) return;
    var n = countIn(panel);
    toggle.dataset.count = String(n);
    toggle.classList.toggle("thread-toggle--has", n > 0);
    var label = toggle.querySelector(".thread-toggle__label");
    if (label) label.textContent = n ? plural(n) : "Comment";
  }

  function showPanel(slot, html) {
    slot.innerHTML = html;
    slot.hidden = false;
    enhance(slot);
    updateToggle(slot);
  }

  function openThread(toggle) {
    var slot = document.getElementById(toggle.getAttribute("aria-controls"));
    if (!slot) return;
    if (!slot.hidden) {
      slot.hidden = true;
      toggle.setAttribute("aria-expanded", "false");
      return;
    }
    loadPanel(toggle, toggle.dataset.fragment, slot);
    toggle.setAttribute("aria-expanded", "true");
  }

  // Fetch a thread panel into its slot and move focus to its title; when that fails, follow
  // the link (its no-script address) instead.
  function loadPanel(link, url, slot) {
    link.setAttribute("aria-busy", "true");
    fetch(url, { credentials: "same-origin", headers: { "Accept": "text/html" } })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.text();
      })
      .then(function (html) {
        showPanel(slot, html);
        var heading = slot.querySelector(".thread-panel__title");
        if (heading) { heading.setAttribute("tabindex", "-1"); heading.focus(); }
      })
      .catch(function () { window.location.href = link.href; })
      .finally(function () { link.removeAttribute("aria-busy"); });
  }

  function submitInPlace(form, slot) {
    var data = new FormData(form);
    data.append("fragment", "1");
    var button = form.querySelector("button[type=submit]");
    if (button) { button.disabled = true; button.textContent = "Sending…"; }
    fetch(form.action, { method: "POST", body: data, credentials: "same-origin" })
      .then(function (response) {
        if (response.status === 201 || response.status === 422) return response.text();
        throw new Error(response.status);
      })
      .then(function (html) {
        showPanel(slot, html);
        var focusTarget = slot.querySelector("[aria-invalid=true], [data-thread-message]");
        if (focusTarget) focusTarget.focus();
      })
      .catch(function () {
        // Fall back to an ordinary submission so nothing typed is lost.
        form.removeAttribute("data-comment-form");
        form.submit();
      });
  }

  function counter(textarea) {
    var max = parseInt(textarea.dataset.maxLength, 10);
    var output = document.createElement("p");
    output.className = "field__counter";
    output.setAttribute("aria-live", "polite");
    textarea.insertAdjacentElement("afterend", output);
    function update() {
      var left = max - textarea.value.length;
      output.textContent = left >= 0 ? left.toLocaleString() + " characters left"
                                     : (-left).toLocaleString() + " characters too many";
      output.classList.toggle("field__counter--over", left < 0);
    }
    textarea.addEventListener("input", update);
    update();
  }

  function enhance(root) {
    root.querySelectorAll("textarea[data-max-length]").forEach(function (t) {
      if (!t.dataset.counted) { t.dataset.counted = "1"; counter(t); }
    });
  }

  // The reply and hide forms are written once per thread, in <template>s; a comment's "Reply" or
  // "Hide" takes a copy when it opens, so a long thread does not carry two forms per comment.
  function fill(details) {
    var panel = details.closest("[data-thread-panel]");
    var template = panel && panel.querySelector('template[data-form="' + details.dataset.fill + '"]');
    if (!template || details.dataset.filled) return;
    details.dataset.filled = "1";
    var holder = document.createElement("div");
    holder.innerHTML = template.innerHTML.split("__COMMENT__").join(details.dataset.comment);
    var fallback = details.querySelector(".fill-fallback");
    if (fallback) fallback.remove();
    while (holder.firstChild) details.appendChild(holder.firstChild);
    enhance(details);
    var text = details.querySelector("textarea");
    if (text) text.focus();
  }

  document.addEventListener("toggle", function (event) {
    var details = event.target;
    if (details.matches && details.matches("details[data-fill]") && details.open) fill(details);
  }, true);

  document.addEventListener("click", function (event) {
    if (event.metaKey || event.ctrlKey || event.shiftKey) return;
    var toggle = event.target.closest(".thread-toggle");
    if (toggle && toggle.dataset.fragment) {
      event.preventDefault();
      openThread(toggle);
      return;
    }
    var pageLink = event.target.closest("a[data-thread-page]");
    var slot = pageLink && pageLink.closest(".thread-slot");
    if (slot) {
      event.preventDefault();
      loadPanel(pageLink, pageLink.dataset.threadPage, slot);
    }
  });

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
      event.preventDefault();
      return;
    }
    var slot = form.closest(".thread-slot");
    if (slot && form.hasAttribute("data-comment-form")) {
      event.preventDefault();
      submitInPlace(form, slot);
    }
  });

  enhance(document);
})();
