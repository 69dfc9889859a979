// Live side-events. The projector follows its session's event stream (falling back to
// polling where streams are blocked); the facilitator's control page lists comments as
// they arrive, each with "hide from the room".
(function () {
  "use strict";

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function topClause(clause) {
    if (!clause || clause === "General") return "General";
    return clause.split(".")[0];
  }

  function follow(options) {
    // Calls options.state(state) and options.comment(comment) for each event, in order.
    var cursor = options.cursor, source = null, failures = 0, stopped = false;

    function handle(kind, data, id) {
      if (id) cursor = id;
      if (kind === "state") options.state(data);
      else options.comment(data);
    }

    function poll() {
      if (stopped) return;
      fetch(options.pollUrl + "?cursor=" + encodeURIComponent(cursor), { credentials: "same-origin" })
        .then(function (response) { return response.json(); })
        .then(function (data) {
          options.state(data.state);
          data.comments.forEach(options.comment);
          cursor = data.cursor;
        })
        .catch(function () {})
        .finally(function () { if (!stopped) window.setTimeout(poll, 2000); });
    }

    function connect() {
      if (!window.EventSource) { poll(); return; }
      source = new EventSource(options.eventsUrl + "?cursor=" + encodeURIComponent(cursor));
      source.addEventListener("state", function (e) { handle("state", JSON.parse(e.data), e.lastEventId); });
      source.addEventListener("comment", function (e) { handle("comment", JSON.parse(e.data), e.lastEventId); });
      source.addEventListener("open", function () { failures = 0; });
      source.addEventListener("error", function () {
        failures += 1;
        // The browser reconnects by itself (sending Last-Event-ID); give up on streams only
        // when the server refused one outright or it keeps failing.
        if (source.readyState === EventSource.CLOSED || failures > 4) {
          source.close();
          poll();
        }
      });
    }

    connect();
    return { stop: function () { stopped = true; if (source) source.close(); } };
  }

  // The projector -------------------------------------------------------------------
  var projector = document.querySelector("[data-projector]");
  if (projector) {
    var spotlight = projector.dataset.spotlight;
    var feed = null;

    var replaceStage = function () {
      fetch(projector.dataset.pageUrl, { credentials: "same-origin" })
        .then(function (response) { return response.text(); })
        .then(function (html) {
          var fresh = new DOMParser().parseFromString(html, "text/html");
          ["#spotlight", "#room-comments", "#ticker"].forEach(function (selector) {
            var target = document.querySelector(selector), source = fresh.querySelector(selector);
            if (target && source) target.innerHTML = source.innerHTML;
          });
          var empty = document.querySelector("[data-room-empty]"), freshEmpty = fresh.querySelector("[data-room-empty]");
          if (empty && freshEmpty) empty.hidden = freshEmpty.hidden;
        });
    };

    var bump = function (list, key, label) {
      var bar = list.querySelector('[data-key="' + CSS.escape(key) + '"]');
      if (!bar) {
        bar = el("li", "bar");
        bar.dataset.key = key;
        bar.appendChild(el("span", "bar__label", label || key));
        var track = el("span", "bar__track");
        track.appendChild(el("span", "bar__fill"));
        bar.appendChild(track);
        bar.appendChild(el("span", "bar__value", "0"));
        list.appendChild(bar);
      }
      var value = bar.querySelector(".bar__value");
      value.textContent = String(parseInt(value.textContent, 10) + 1);
      var bars = list.querySelectorAll(".bar"), max = 1;
      bars.forEach(function (b) { max = Math.max(max, parseInt(b.querySelector(".bar__value").textContent, 10)); });
      bars.forEach(function (b) {
        var n = parseInt(b.querySelector(".bar__value").textContent, 10);
        b.querySelector(".bar__fill").style.width = (100 * n / max).toFixed(1) + "%";
      });
    };

    var render = function (c) {
      var item = el("li", "room-comment room-comment--new");
      item.id = "rc-" + c.id;
      item.dataset.id = c.id;
      var meta = el("p", "room-comment__meta");
      meta.appendChild(el("span", "type type--" + c.type, c.type.slice(0, 2)));
      var who = c.author.name + (c.author.organisation ? ", " + c.author.organisation : "");
      meta.appendChild(document.createTextNode(" "));
      meta.appendChild(el("span", "room-comment__author", who));
      meta.appendChild(document.createTextNode(" "));
      meta.appendChild(el("span", "room-comment__where", c.author.country));
      item.appendChild(meta);
      var body = el("div", "room-comment__body");
      body.innerHTML = c.body_html; // sanitized by the server's one renderer
      item.appendChild(body);
      var replies = el("ol", "room-replies");
      replies.setAttribute("data-replies", "");
      item.appendChild(replies);
      window.setTimeout(function () { item.classList.remove("room-comment--new"); }, 4000);
      return item;
    };

    var addComment = function (c) {
      if (document.getElementById("rc-" + c.id) || document.getElementById("tk-" + c.id)) return;
      bump(document.querySelector("[data-clause-bars]"), topClause(c.clause));
      bump(document.querySelector("[data-group-bars]"), c.author.group);
      var total = document.querySelector("[data-total]");
      total.textContent = String(parseInt(total.textContent, 10) + 1);
      if (c.paragraph_uid && c.paragraph_uid === spotlight) {
        var parent = c.parent_id && document.getElementById("rc-" + c.parent_id);
        var list = parent ? parent.querySelector("[data-replies]") : document.querySelector("[data-room-list]");
        list.appendChild(render(c));
        var empty = document.querySelector("[data-room-empty]");
        if (empty) empty.hidden = true;
      } else {
        var ticker = document.querySelector("[data-ticker]");
        var entry = el("li", "ticker__item ticker__item--new");
        entry.id = "tk-" + c.id;
        entry.appendChild(el("span", "ticker__ref", c.clause));
        entry.appendChild(document.createTextNode(" "));
        entry.appendChild(el("span", "room-comment__author", c.author.name));
        var words = el("span", "", "");
        words.innerHTML = c.body_html;
        entry.appendChild(document.createTextNode(" " + words.textContent.slice(0, 90)));
        ticker.insertBefore(entry, ticker.firstChild);
        while (ticker.children.length > 8) ticker.removeChild(ticker.lastChild);
      }
    };

    var applyState = function (state) {
      projector.classList.toggle("projector--paused", state.paused);
      projector.classList.toggle("projector--anonymous", state.anonymous);
      state.hidden.forEach(function (id) {
        ["rc-", "tk-"].forEach(function (prefix) {
          var gone = document.getElementById(prefix + id);
          if (gone) gone.remove();
        });
      });
      var uid = state.spotlight ? state.spotlight.uid : "";
      if (uid !== spotlight) {
        spotlight = uid;
        projector.dataset.spotlight = uid;
        replaceStage();
      }
      if (state.ended) {
        projector.classList.add("projector--ended");
        document.querySelector(".badge-ended").hidden = false;
        if (feed) feed.stop();
      }
    };

    feed = follow({ cursor: projector.dataset.cursor, eventsUrl: projector.dataset.eventsUrl,
                    pollUrl: projector.dataset.pollUrl, state: applyState, comment: addComment });
  }

  // The facilitator's control page ---------------------------------------------------
  var control = document.querySelector("[data-control]");
  if (control && window.EventSource) {
    var incoming = control.querySelector("[data-incoming]");
    var template = document.getElementById("hide-form");
    var source = new EventSource(control.dataset.eventsUrl + "?after=" + encodeURIComponent(control.dataset.after));
    source.addEventListener("comment", function (e) {
      var c = JSON.parse(e.data);
      if (document.getElementById("in-" + c.id)) return;
      var empty = incoming.querySelector(".empty");
      if (empty) empty.remove();
      var item = el("li", "incoming__item incoming__item--new");
      item.id = "in-" + c.id;
      var line = el("p");
      line.appendChild(el("strong", "", "#" + c.id));
      line.appendChild(document.createTextNode(" " + c.clause + " · " + (c.author.name || "anonymous")));
      item.appendChild(line);
      var words = el("div");
      words.innerHTML = c.body_html;
      item.appendChild(el("p", "excerpt", words.textContent.slice(0, 160)));
      if (template) {
        var form = template.content.firstElementChild.cloneNode(true);
        form.querySelector("[name=comment_id]").value = c.id;
        item.appendChild(form);
      }
      incoming.insertBefore(item, incoming.firstChild);
    });
  }
})();
