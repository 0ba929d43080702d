// The analytics remote in the browser: listen for the shop's custom events on document and report them.
// It knows event names and nothing else: no store, no other app's code.
//
// Events are queued and sent together with navigator.sendBeacon: when the page is hidden or left, after a
// quiet spell, or when a batch is full. A click therefore costs its own request and nothing more, and a
// beacon still goes out while the browser leaves the page.
(() => {
  const script = document.currentScript;
  const endpoint = script.dataset.endpoint;
  const maxEvents = Number(script.dataset.maxEvents);
  const quietMs = Number(script.dataset.quietMs);
  const catalog = JSON.parse(document.getElementById("analytics-events").textContent);
  // The token comes with the page: the CSRF cookie is HttpOnly, out of reach of any script. A beacon cannot
  // send headers, so it goes in the form, where Django looks for it too.
  const csrfToken = script.dataset.csrfToken;
  let queue = [];
  let timer = null;

  const flush = () => {
    clearTimeout(timer);
    if (queue.length === 0) return;
    const body = new URLSearchParams({ csrfmiddlewaretoken: csrfToken, events: JSON.stringify(queue) });
    queue = [];
    if (!navigator.sendBeacon(endpoint, body)) {
      // The browser refused to queue it (too much at once): send it as a request that outlives the page.
      fetch(endpoint, { method: "POST", body, keepalive: true, credentials: "same-origin" }).catch(() => {});
    }
  };

  for (const [name, keys] of Object.entries(catalog)) {
    document.addEventListener(name, (event) => {
      const detail = event.detail || {};
      // Only the payload the catalog declares (htmx adds its own keys, such as the element).
      const payload = Object.fromEntries(keys.filter((key) => key in detail).map((key) => [key, detail[key]]));
      queue.push({ name, payload, path: location.pathname });
      clearTimeout(timer);
      if (queue.length >= maxEvents) flush();
      else timer = setTimeout(flush, quietMs);
    });
  }
  // "hidden" covers a tab switched away from and a phone's app switcher; pagehide covers leaving the page.
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") flush();
  });
  window.addEventListener("pagehide", flush);
})();
