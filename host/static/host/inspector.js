// The pattern inspector in the browser: outline the remotes, and list custom events as they fire.
(() => {
  document.body.classList.add("inspector-on");
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
