// The analytics remote in the browser: listen for the shop's custom events on document and report each one.
// It knows event names and nothing else: no store, no other app's code.
(() => {
  const endpoint = document.currentScript.dataset.endpoint;
  const catalog = JSON.parse(document.getElementById("analytics-events").textContent);
  // The token comes with the page: the CSRF cookie is HttpOnly, out of reach of any script.
  const csrfToken = document.currentScript.dataset.csrfToken;

  for (const [name, keys] of Object.entries(catalog)) {
    document.addEventListener(name, (event) => {
      const detail = event.detail || {};
      // Only the payload the catalog declares (htmx adds its own keys, such as the element).
      const payload = Object.fromEntries(keys.filter((key) => key in detail).map((key) => [key, detail[key]]));
      fetch(endpoint, {
        method: "POST",
        keepalive: true, // still sent when the page is being left
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken },
        body: JSON.stringify({ name, payload, path: location.pathname }),
      }).catch(() => {}); // analytics never gets in the visitor's way
    });
  }
})();
