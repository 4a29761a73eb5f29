/* Dash takes over the server-rendered page without holding up the phone: the page is complete
   without it, so its ~1 MB of scripts load on the reader's first interaction (touch, key, scroll,
   pointer, focus), in order; evaluating them on page load alone would block the main thread for
   half a second on a mid-range phone. The server's HTML stays on screen until Dash has rendered
   the same page, then the two swap in one step (no blank "Loading..." in between). */
(function () {
  var plan = JSON.parse(document.getElementById("portal-scripts").textContent);

  function keepServerView() {
    // The server's HTML stays where it is (moving it would drop the focus the reader just
    // gave it); React gets a fresh, hidden entry point right after it.
    var view = document.getElementById("react-entry-point");
    var entry = document.createElement("div");
    view.id = "ssr-view";
    // Ids now belong to what React renders; the copy on screen must not answer to them.
    view.querySelectorAll("[id]").forEach(function (el) { el.removeAttribute("id"); });
    entry.id = "react-entry-point";
    entry.hidden = true;
    view.parentNode.insertBefore(entry, view.nextSibling);
    return {view: view, entry: entry};
  }

  function carryFormValues(pair) {
    // What the reader already typed into a plain form goes with the form to React's copy.
    pair.view.querySelectorAll("form[action] [name]").forEach(function (field) {
      if (field.type === "hidden" || !field.value) return;
      var twin = pair.entry.querySelector('form[action="' + field.form.getAttribute("action") +
                                          '"] [name="' + field.name + '"]');
      if (twin) twin.value = field.value;
    });
  }

  function swap(pair) {
    carryFormValues(pair);
    pair.view.remove();
    pair.entry.hidden = false;
    // Forms marked data-dash-submit are handled by callbacks from now on, not by a reload.
    document.addEventListener("submit", function (event) {
      if (event.target.hasAttribute("data-dash-submit")) event.preventDefault();
    }, true);
    document.documentElement.setAttribute("data-dash", "ready");
  }

  function swapWhenRendered(pair) {
    var watcher = new MutationObserver(function () {
      var content = pair.entry.querySelector("#_pages_content");
      if (!content || !content.firstChild) return;
      watcher.disconnect();
      var typing = pair.view.contains(document.activeElement) &&
        /^(INPUT|SELECT|TEXTAREA)$/.test(document.activeElement.tagName);
      // Never swap a field out from under the reader's fingers: wait until they leave it.
      if (typing) pair.view.addEventListener("focusout", function () { swap(pair); }, {once: true});
      else swap(pair);
    });
    watcher.observe(pair.entry, {childList: true, subtree: true});
  }

  function run(index) {
    var script = document.createElement("script");
    if (index < plan.src.length) {
      script.src = plan.src[index];
      script.onload = function () { run(index + 1); };
      document.body.appendChild(script);
      return;
    }
    plan.inline.forEach(function (code) {
      var inline = document.createElement("script");
      inline.text = code;
      document.body.appendChild(inline);
    });
  }

  function start() {
    swapWhenRendered(keepServerView());
    run(0);
  }

  var TRIGGERS = ["pointerdown", "touchstart", "keydown", "scroll", "mousemove", "focusin"];
  var started = false;

  function onFirstInteraction() {
    if (started) return;
    started = true;
    TRIGGERS.forEach(function (name) {
      window.removeEventListener(name, onFirstInteraction, true);
    });
    start();
  }

  TRIGGERS.forEach(function (name) {
    window.addEventListener(name, onFirstInteraction, {capture: true, passive: true});
  });
  window.portalTakeover = onFirstInteraction;  // for pages or tests that want Dash at once
})();
