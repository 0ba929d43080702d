// Host glue for htmx. No framework: the server renders everything, this file only adds four things.
(() => {
  // 1. Tell the server which components are on this page, so its answer to an action can carry the re-render
  //    of every one the action changed, out of band: one request per user action, however many fragments.
  document.addEventListener("htmx:configRequest", (event) => {
    const mounted = new Set([...document.querySelectorAll("[data-mount]")].map((el) => el.dataset.mount));
    if (mounted.size) event.detail.headers["X-Mounted-Components"] = [...mounted].join(" ");
  });

  // 2. Failures htmx does not swap (403, 5xx, network) still tell the visitor something.
  const toast = (text) => {
    const region = document.getElementById("toasts");
    if (!region) return;
    const item = document.createElement("p");
    item.className = "toast toast-error";
    item.setAttribute("role", "alert");
    item.textContent = text;
    region.append(item);
  };
  document.addEventListener("htmx:responseError", () => toast("Something went wrong. Please reload the page and try again."));
  document.addEventListener("htmx:sendError", () => toast("The shop can't be reached. Check your connection and try again."));

  // 3. Custom events of a full page (htmx answers carry theirs in HX-Trigger): dispatched on document once
  //    every deferred script, listeners included, has run.
  document.addEventListener("DOMContentLoaded", () => {
    const queued = document.getElementById("mfe-events");
    for (const [name, detail] of queued ? JSON.parse(queued.textContent) : []) {
      document.dispatchEvent(new CustomEvent(name, { detail }));
    }
  });

  // 4. An action in flight says so to assistive technology too: htmx marks the element with `htmx-request` and
  //    disables its `hx-disabled-elt`; the part of the page it will replace is `aria-busy` until the answer.
  document.addEventListener("htmx:beforeRequest", (event) => event.detail.target?.setAttribute("aria-busy", "true"));
  document.addEventListener("htmx:afterRequest", (event) => event.detail.target?.removeAttribute("aria-busy"));

  // Toasts fade out by CSS animation; remove them once it ends.
  document.addEventListener("animationend", (event) => {
    if (event.target.classList?.contains("toast")) event.target.remove();
  });
})();
