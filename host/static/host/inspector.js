// The pattern inspector in the browser: a panel the learner opens and closes, the remotes outlined while it is
// open, and custom events listed as they fire.
(() => {
  // sessionStorage rather than localStorage: the choice follows the learner from page to page in this tab, and a
  // new tab (or the demo shown to someone tomorrow) starts closed, with the shop as a shopper sees it.
  const KEY = "mfe-inspector-open";
  const toggle = document.getElementById("inspector-toggle");
  const panel = document.getElementById("inspector-panel");
  const show = (open) => {
    toggle.setAttribute("aria-expanded", String(open));
    panel.hidden = !open;
    // The outlines, labels and room kept for the panel hang on this class (inspector.css).
    document.documentElement.classList.toggle("inspector-open", open);
  };
  // Storage can be refused (a privacy setting): the inspector then works page by page, closed on each load.
  const remember = (open) => {
    try { sessionStorage.setItem(KEY, open ? "open" : "closed"); } catch {}
  };
  const remembered = () => {
    try { return sessionStorage.getItem(KEY) === "open"; } catch { return false; }
  };

  show(remembered());
  toggle.addEventListener("click", () => {
    const open = toggle.getAttribute("aria-expanded") !== "true";
    show(open);
    remember(open);
  });

  const names = JSON.parse(document.getElementById("inspector-event-names").textContent);
  const list = document.getElementById("inspector-events");
  for (const name of names) {
    document.addEventListener(name, (event) => {
      const { elt, ...payload } = event.detail || {};
      const item = document.createElement("li");
      item.textContent = `${name} ${JSON.stringify(payload)}`;
      list.append(item);
    });
  }
})();
