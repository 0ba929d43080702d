// The monolith's glue for htmx: toasts and the focus, copied from the federated shop's host.js (parts 2 and 4;
// the monolith has no mounted components to tell the server about, and no custom events to dispatch).
(() => {
  // Toasts (#toasts in base.html): one at a time, each dismissible (its button, or Escape inside it), an error
  // kept until it is dismissed (monolith.css), and out of the way of the control just used.
  const region = document.getElementById("toasts");
  let used = null; // the control of the last action, and where it was on the page (it may have been replaced since)
  document.addEventListener("htmx:beforeRequest", (event) => {
    const control = document.activeElement && document.activeElement !== document.body ? document.activeElement : event.detail.elt;
    const box = control.getBoundingClientRect();
    used = { control, top: box.top + window.scrollY, bottom: box.bottom + window.scrollY };
  });
  const backToTheControl = () => {
    const control = used?.control;
    if (control?.isConnected && !control.disabled) control.focus();
    else document.getElementById("main")?.focus();
  };
  // At the bottom of the screen unless the control just used is there: then at the top.
  const place = () => {
    region.classList.remove("toasts-top");
    if (!used || !region.lastElementChild) return;
    const shown = region.getBoundingClientRect(), top = used.top - window.scrollY, bottom = used.bottom - window.scrollY;
    region.classList.toggle("toasts-top", top < shown.bottom && bottom > shown.top);
  };
  const dismiss = (toast) => {
    const hadFocus = toast.contains(document.activeElement);
    toast.remove();
    if (hadFocus) backToTheControl();
  };
  if (region) {
    new MutationObserver((changes) => {
      const added = changes.flatMap((change) => [...change.addedNodes]).filter((node) => node.classList?.contains("toast"));
      if (!added.length) return;
      // The newest replaces the others of its kind: shown ones, or those said to a screen reader only.
      const newest = added.at(-1), announced = newest.classList.contains("toast-announce");
      for (const toast of region.querySelectorAll(".toast")) {
        if (toast !== newest && toast.classList.contains("toast-announce") === announced) toast.remove();
      }
      if (!announced) place();
    }).observe(region, { childList: true, subtree: true });
    region.addEventListener("click", (event) => {
      if (event.target.closest(".toast-dismiss")) dismiss(event.target.closest(".toast"));
    });
    region.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && event.target.closest(".toast")) dismiss(event.target.closest(".toast"));
    });
    // Held while the pointer is over one: a toast takes no pointer events (a click goes through it), so
    // :hover never matches it, and where the pointer is comes from the document.
    document.addEventListener("pointermove", (event) => {
      for (const toast of region.querySelectorAll(".toast")) {
        const box = toast.getBoundingClientRect();
        const over = event.clientX >= box.left && event.clientX <= box.right && event.clientY >= box.top && event.clientY <= box.bottom;
        toast.classList.toggle("toast-held", over);
      }
    }, { passive: true });
    // Faded toasts (CSS) are gone for good.
    region.addEventListener("animationend", (event) => {
      if (event.target.classList.contains("toast") && getComputedStyle(event.target).visibility === "hidden") event.target.remove();
    });
  }
  const toast = (text) => {
    if (!region) return;
    const item = document.createElement("p");
    item.className = "toast toast-error";
    item.setAttribute("role", "alert");
    item.textContent = text;
    const dismiss = document.createElement("button"); // as base.html's toasts have, in before it is shown
    dismiss.type = "button";
    dismiss.className = "toast-dismiss";
    dismiss.setAttribute("aria-label", "Dismiss");
    dismiss.textContent = "×";
    item.append(dismiss);
    region.append(item);
  };
  // Failures htmx does not swap (403, 5xx, network) say so, and the focus goes back to the control used: one
  // disabled while in flight lost it to <body> (after this event htmx enables it again, hence the timeout).
  const failed = (message) => {
    toast(message);
    setTimeout(() => {
      if (!document.activeElement || document.activeElement === document.body) backToTheControl();
    });
  };
  document.addEventListener("htmx:responseError", () => failed("Something went wrong. Please reload the page and try again."));
  document.addEventListener("htmx:sendError", () => failed("The shop can't be reached. Check your connection and try again."));

  // An action in flight says so to assistive technology too: htmx marks the element with `htmx-request` and
  // disables its `hx-disabled-elt`; the part of the page it will replace is `aria-busy` until the answer.
  document.addEventListener("htmx:beforeRequest", (event) => event.detail.target?.setAttribute("aria-busy", "true"));
  document.addEventListener("htmx:afterRequest", (event) => event.detail.target?.removeAttribute("aria-busy"));
})();
