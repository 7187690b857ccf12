// Live agency search on the discovery page (progressive enhancement: the page works without it).
// Results come from GET <realm>/dvc-discovery/search?q=... and are rendered as the same submit
// buttons the server renders; the status line is announced to screen readers (aria-live).
const form = document.getElementById("dvc-search-form");
const input = document.getElementById("dvc-search");
const list = document.getElementById("dvc-results");
const status = document.getElementById("dvc-results-status");

if (form && input && list && status) {
  let timer = null;
  let latest = 0;

  const announce = (count) => {
    if (count === 0) {
      status.textContent = form.dataset.msgNone;
    } else if (count === 1) {
      status.textContent = form.dataset.msgOne;
    } else {
      status.textContent = form.dataset.msgCount.replace("{0}", String(count));
    }
  };

  const render = (results) => {
    list.replaceChildren(...results.map((result) => {
      const item = document.createElement("li");
      const button = document.createElement("button");
      button.type = "submit";
      button.name = "idp";
      button.value = result.idp;
      button.id = "dvc-idp-" + result.idp;
      button.className = "pf-v5-c-button pf-m-secondary pf-m-block dvc-result";
      const name = document.createElement("span");
      name.className = "dvc-result-name";
      name.textContent = result.name;
      const detail = document.createElement("span");
      detail.className = "dvc-detail";
      detail.textContent = result.detail;
      button.append(name, detail);
      item.append(button);
      return item;
    }));
  };

  const search = async () => {
    const query = input.value.trim();
    const ticket = ++latest;
    if (query.length === 0) {
      list.replaceChildren();
      status.textContent = "";
      return;
    }
    try {
      const url = form.dataset.searchUrl + "?q=" + encodeURIComponent(query);
      const response = await fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" });
      if (!response.ok || ticket !== latest) {
        return;
      }
      const body = await response.json();
      if (ticket === latest) {
        render(body.results);
        if (body.complete === false && body.results.length === 0) {
          status.textContent = form.dataset.msgWarming; // the directory is still loading on this server
        } else {
          announce(body.results.length);
        }
      }
    } catch (e) {
      // keep the server-rendered results; the search button still works without this script
    }
  };

  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(search, 150);
  });
}
