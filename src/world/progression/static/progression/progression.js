// The Progression page: everything it shows and does goes through /api/progression/.
// User-provided text is only ever set with textContent, never parsed as HTML.
(function () {
  "use strict";
  const root = document.getElementById("progression");
  if (!root) return;
  const API = root.dataset.api;
  const PAGE_SIZE = 10;
  let offset = 0;

  function csrfToken() {
    const match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  function newKey() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    return Date.now().toString(36) + "-" + Math.random().toString(36).slice(2);
  }

  async function api(path, options) {
    return fetchJSON(API + path, options);
  }

  async function fetchJSON(url, options) {
    const init = Object.assign({ credentials: "same-origin", headers: {} }, options || {});
    if (init.body !== undefined) {
      init.method = "POST";
      init.headers["Content-Type"] = "application/json";
      init.headers["X-CSRFToken"] = csrfToken();
      init.headers["Idempotency-Key"] = newKey();
      init.body = JSON.stringify(init.body);
    }
    const response = await fetch(url, init);
    const data = await response.json().catch(function () { return {}; });
    if (!response.ok) {
      const error = new Error(data.detail || ("Request failed (" + response.status + ")"));
      error.code = data.code;
      throw error;
    }
    return data;
  }

  function el(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }

  function setText(id, value) {
    document.getElementById(id).textContent = String(value);
  }

  function flash(message, ok) {
    const box = document.getElementById("flash");
    box.textContent = message;
    box.className = "alert " + (ok ? "alert-success" : "alert-danger");
  }

  function shortDate(iso) {
    return iso ? iso.slice(0, 10) : "";
  }

  function signed(n) {
    return (n > 0 ? "+" : "") + n;
  }

  function row(cells) {
    const tr = el("tr");
    cells.forEach(function (cell) { tr.appendChild(el("td", cell)); });
    return tr;
  }

  function listOf(data) {
    return Array.isArray(data) ? data : (data.results || []);
  }

  // Each section draws only the answer to the newest load it started: when two refreshes
  // overlap (the page loading while a claim refreshes it), the older answer is dropped, even
  // when it arrives last. Each section is built off-page and swapped in at once.
  const STALE = {};
  const started = {};
  async function newest(section, load) {
    const mine = (started[section] || 0) + 1;
    started[section] = mine;
    const data = await load();
    return started[section] === mine ? data : STALE;
  }

  async function loadDashboard() {
    const data = await newest("dashboard", function () {
      return api("account/?limit=" + PAGE_SIZE + "&offset=" + offset);
    });
    if (data === STALE) return;
    setText("xp-available", data.xp.current_available);
    setText("xp-earned", data.xp.total_earned);
    setText("xp-spent", data.xp.total_spent);
    setText("kudos-available", data.kudos.current_available);
    setText("kudos-earned", data.kudos.total_earned);
    setText("kudos-claimed", data.kudos.total_claimed);

    const xpBody = document.getElementById("xp-history");
    xpBody.replaceChildren();
    data.xp_transactions.forEach(function (t) {
      xpBody.appendChild(row([shortDate(t.transaction_date), signed(t.amount),
        t.description || t.reason_display, t.character_name || ""]));
    });
    const kudosBody = document.getElementById("kudos-history");
    kudosBody.replaceChildren();
    data.kudos_transactions.forEach(function (t) {
      kudosBody.appendChild(row([shortDate(t.transaction_date), signed(t.amount),
        t.category_display, t.description, t.awarded_by || ""]));
    });

    const select = document.getElementById("claim-category");
    const chosen = select.value;
    select.replaceChildren();
    const rates = [];
    data.claim_categories.forEach(function (c) {
      const option = el("option", c.display_name);
      option.value = c.name;
      select.appendChild(option);
      rates.push(c.display_name + ": " + c.kudos_cost + " kudos → " + c.reward_amount);
    });
    if (chosen) select.value = chosen;
    setText("claim-rates", rates.join(" · "));

    const longest = Math.max(data.xp_transactions.length, data.kudos_transactions.length);
    document.getElementById("newer").disabled = offset === 0;
    document.getElementById("older").disabled = longest < PAGE_SIZE;
    setText("page-label", "Page " + (offset / PAGE_SIZE + 1));
  }

  function drawChart(weeks) {
    const width = 480, height = 140, pad = 20;
    const ns = "http://www.w3.org/2000/svg";
    const svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 " + width + " " + height);
    svg.setAttribute("width", "100%");
    svg.setAttribute("role", "img");
    const top = Math.max(1, ...weeks.map(function (w) { return Math.max(w.xp_earned, w.kudos_earned); }));
    const slot = (width - pad) / weeks.length;
    const bar = slot / 2 - 2;
    weeks.forEach(function (w, i) {
      [["xp_earned", "bar-xp", 0], ["kudos_earned", "bar-kudos", bar]].forEach(function (spec) {
        const value = w[spec[0]];
        const h = (height - 2 * pad) * value / top;
        const rect = document.createElementNS(ns, "rect");
        rect.setAttribute("x", pad + i * slot + spec[2]);
        rect.setAttribute("y", height - pad - h);
        rect.setAttribute("width", bar);
        rect.setAttribute("height", h);
        rect.setAttribute("class", spec[1]);
        const title = document.createElementNS(ns, "title");
        title.textContent = (spec[0] === "xp_earned" ? "XP" : "Kudos") + " in week of " + w.week_start + ": " + value;
        rect.appendChild(title);
        svg.appendChild(rect);
      });
      if (i % 3 === 0) {
        const label = document.createElementNS(ns, "text");
        label.setAttribute("x", pad + i * slot);
        label.setAttribute("y", height - 4);
        label.textContent = w.week_start.slice(5);
        svg.appendChild(label);
      }
    });
    const legend = document.createElementNS(ns, "text");
    legend.setAttribute("x", pad);
    legend.setAttribute("y", 12);
    legend.textContent = "blue: XP · green: kudos · highest " + top;
    svg.appendChild(legend);
    document.getElementById("weekly-chart").replaceChildren(svg);
  }

  async function loadChart() {
    const data = await newest("chart", function () { return api("account/weekly/"); });
    if (data === STALE) return;
    drawChart(data.weeks);
  }

  function shopEntry(character, entry, buyable) {
    const li = el("li");
    li.appendChild(el("span", entry.name + " — " + entry.xp_cost + " XP "));
    if (buyable) {
      const button = el("button", "Buy", "btn btn-sm btn-outline-primary buy");
      button.type = "button";
      button.dataset.character = character.id;
      button.dataset.kind = entry.type;
      button.dataset.id = entry.id;
      button.dataset.name = entry.name;
      li.appendChild(button);
    }
    (entry.failed_requirements || []).forEach(function (message) {
      li.appendChild(el("div", message, "failed"));
    });
    return li;
  }

  function shopSection(character, shop) {
    const section = el("div", null, "shop");
    section.dataset.character = character.name;
    section.dataset.characterId = character.id;
    section.appendChild(el("h3", character.name, "h5"));
    // What a purchase spends first: the character's own XP, then the account's.
    const xp = el("p", character.locked_xp + " locked XP · " + character.transferable_xp +
      " transferable XP (spent before account XP)", "muted character-xp");
    xp.dataset.total = character.locked_xp + character.transferable_xp;
    section.appendChild(xp);
    // The path it walks: every stage's choice, the last one its current path.
    const paths = character.paths || [];
    section.appendChild(el("p", paths.length ? "Path: " + paths.join(" → ") : "No path chosen yet",
      "muted character-paths"));
    if (character.goal) {
      // The goal set with plan/set: how much of what it costs is saved.
      const goal = el("p", "Goal: " + character.goal.unlock + " — " + character.goal.saved_xp +
        " of " + character.goal.total_xp + " XP saved ", "muted character-goal");
      const bar = document.createElement("progress");
      bar.max = Math.max(character.goal.total_xp, 1);
      bar.value = character.goal.saved_xp;
      goal.appendChild(bar);
      section.appendChild(goal);
    }
    [["available", "Available", true], ["locked", "Locked", false],
     ["already_unlocked", "Bought", false]].forEach(function (part) {
      if (!shop[part[0]].length) return;
      section.appendChild(el("h4", part[1], "h6"));
      const ul = el("ul");
      shop[part[0]].forEach(function (entry) { ul.appendChild(shopEntry(character, entry, part[2])); });
      section.appendChild(ul);
    });
    return section;
  }

  // [{character, shop}, ...] for every character of the player: in one request where the API
  // offers one (the page names it in data-shops), otherwise one request per character, in
  // parallel.
  async function fetchShops() {
    if (root.dataset.shops) {
      // Each entry is the character (as characters/ lists it) with its shop beside.
      return listOf(await fetchJSON(root.dataset.shops)).map(function (item) {
        return { character: item, shop: item.shop };
      });
    }
    const characters = listOf(await api("characters/"));
    return Promise.all(characters.map(async function (character) {
      return { character: character, shop: await api("characters/" + character.id + "/shop/") };
    }));
  }

  async function loadShops() {
    try {
      const shops = await newest("shops", fetchShops);
      if (shops === STALE) return;
      const fragment = document.createDocumentFragment();
      if (!shops.length) fragment.appendChild(el("p", "You have no characters yet.", "muted"));
      shops.forEach(function (item) { fragment.appendChild(shopSection(item.character, item.shop)); });
      document.getElementById("shops").replaceChildren(fragment);
    } finally {
      // Tests wait on this count to know every started load has been drawn or dropped.
      root.dataset.shopLoadsSettled = Number(root.dataset.shopLoadsSettled || 0) + 1;
    }
  }

  async function refresh() {
    await Promise.all([loadDashboard(), loadChart(), loadShops()]);
  }

  document.getElementById("claim-form").addEventListener("submit", async function (event) {
    event.preventDefault();
    const category = document.getElementById("claim-category").value;
    const amount = parseInt(document.getElementById("claim-amount").value, 10);
    try {
      const result = await api("kudos/claim/", { body: { category: category, amount: amount } });
      // The message appears once the balances it speaks of are on the page.
      await refresh();
      flash("Claimed " + amount + " kudos for " + result.reward_amount + ".", true);
    } catch (error) {
      flash(error.message, false);
    }
  });

  document.getElementById("shops").addEventListener("click", async function (event) {
    const button = event.target.closest("button.buy");
    if (!button) return;
    button.disabled = true;
    try {
      await api("characters/" + button.dataset.character + "/unlocks/",
        { body: { kind: button.dataset.kind, id: parseInt(button.dataset.id, 10) } });
      await refresh();
      flash("Unlocked " + button.dataset.name + ".", true);
    } catch (error) {
      flash(error.message, false);
      button.disabled = false;
    }
  });

  document.getElementById("older").addEventListener("click", function () {
    offset += PAGE_SIZE;
    loadDashboard().catch(function (error) { flash(error.message, false); });
  });
  document.getElementById("newer").addEventListener("click", function () {
    offset = Math.max(0, offset - PAGE_SIZE);
    loadDashboard().catch(function (error) { flash(error.message, false); });
  });

  refresh().catch(function (error) { flash(error.message, false); });
})();
