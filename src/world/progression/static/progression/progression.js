// The Progression page: everything it shows and does goes through /api/progression/ (the
// helpers are in util.js, the sheet in sheet.js, the chart in chart.js, the purchase
// confirmation in confirm.js, the polling for changes made elsewhere in live.js). Text from the
// API is only ever set with textContent.
(function () {
  "use strict";
  const P = window.Progression;
  if (!P) return;
  const root = P.root, el = P.el, api = P.api;
  const PAGE_SIZE = 10;
  let offset = 0;
  let weeks = null;  // the chart's last answer, redrawn when the width changes

  function signed(n) {
    return (n > 0 ? "+" : "") + n;
  }

  function row(cells) {
    const tr = el("tr");
    cells.forEach(function (cell, i) { tr.appendChild(el("td", cell, i === 0 ? "date" : null)); });
    return tr;
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

  function fillClaimCategories(categories, kudosAvailable) {
    const select = document.getElementById("claim-category");
    const chosen = select.dataset.chosen;
    select.replaceChildren();
    const rates = [];
    categories.forEach(function (c) {
      const option = el("option", c.display_name);
      option.value = c.name;
      option.dataset.cost = c.kudos_cost;
      select.appendChild(option);
      rates.push(c.display_name + ": " + c.kudos_cost + " kudos → " + c.reward_amount);
    });
    // The player's own choice stands; otherwise the first category they can afford.
    const affordable = categories.find(function (c) { return c.kudos_cost <= kudosAvailable; });
    if (chosen && categories.some(function (c) { return c.name === chosen; })) select.value = chosen;
    else if (affordable) select.value = affordable.name;
    P.setText("claim-rates", rates.join(" · "));
  }

  async function loadDashboard() {
    const data = await newest("dashboard", function () {
      return api("account/?limit=" + PAGE_SIZE + "&offset=" + offset);
    });
    if (data === STALE) return;
    P.setText("xp-available", data.xp.current_available);
    P.setText("xp-earned", data.xp.total_earned);
    P.setText("xp-spent", data.xp.total_spent);
    P.setText("kudos-available", data.kudos.current_available);
    P.setText("kudos-earned", data.kudos.total_earned);
    P.setText("kudos-claimed", data.kudos.total_claimed);

    const xpBody = document.getElementById("xp-history");
    xpBody.replaceChildren();
    data.xp_transactions.forEach(function (t) {
      xpBody.appendChild(row([P.shortDate(t.transaction_date), signed(t.amount),
        t.description || t.reason_display, t.character_name || ""]));
    });
    const kudosBody = document.getElementById("kudos-history");
    kudosBody.replaceChildren();
    data.kudos_transactions.forEach(function (t) {
      kudosBody.appendChild(row([P.shortDate(t.transaction_date), signed(t.amount),
        t.category_display, t.description, t.awarded_by || ""]));
    });
    fillClaimCategories(data.claim_categories, data.kudos.current_available);

    const longest = Math.max(data.xp_transactions.length, data.kudos_transactions.length);
    document.getElementById("newer").disabled = offset === 0;
    document.getElementById("older").disabled = longest < PAGE_SIZE;
    P.setText("page-label", "Page " + (offset / PAGE_SIZE + 1));
  }

  async function loadChart() {
    const data = await newest("chart", function () { return api("account/weekly/"); });
    if (data === STALE) return;
    weeks = data.weeks;
    P.drawChart(document.getElementById("weekly-chart"), weeks);
  }

  async function loadSheets() {
    const sheets = await newest("sheets", function () { return api("characters/sheets/"); });
    if (sheets === STALE) return;
    const fragment = document.createDocumentFragment();
    if (!sheets.length) fragment.appendChild(el("p", "You have no characters yet.", "muted"));
    sheets.forEach(function (sheet) { fragment.appendChild(P.sheetCard(sheet)); });
    document.getElementById("sheets").replaceChildren(fragment);
  }

  function shopEntry(character, entry, buyable) {
    const li = el("li");
    li.appendChild(el("span", entry.name + " — " + entry.xp_cost + " XP "));
    if (buyable) {
      const button = el("button", "Buy…", "btn btn-sm btn-outline-primary buy");
      button.type = "button";
      button.dataset.character = character.id;
      button.dataset.characterName = character.name;
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
  // offers one (the page names it in data-shops), otherwise one request per character.
  async function fetchShops() {
    if (root.dataset.shops) {
      return P.listOf(await P.fetchJSON(root.dataset.shops)).map(function (item) {
        return { character: item, shop: item.shop };
      });
    }
    const characters = P.listOf(await api("characters/"));
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
    await Promise.all([loadDashboard(), loadChart(), loadSheets(), loadShops()]);
  }
  // Every redraw goes through the version check, so a change is drawn once, whoever made it.
  const live = P.watch(refresh);

  document.getElementById("claim-category").addEventListener("change", function (event) {
    event.target.dataset.chosen = event.target.value;
  });

  document.getElementById("claim-form").addEventListener("submit", async function (event) {
    event.preventDefault();
    const category = document.getElementById("claim-category").value;
    const amount = parseInt(document.getElementById("claim-amount").value, 10);
    try {
      const result = await api("kudos/claim/", { body: { category: category, amount: amount } });
      // The message appears once the balances it speaks of are on the page.
      await live.check();
      P.flash("Claimed " + amount + " kudos for " + result.reward_amount + ".", true);
    } catch (error) {
      P.flash(error.message, false);
    }
  });

  // Buy asks first: the confirm panel shows the price and where it comes from.
  document.getElementById("shops").addEventListener("click", function (event) {
    const button = event.target.closest("button.buy");
    if (!button) return;
    P.confirmPurchase(button, button.dataset.characterName, live.check)
      .catch(function (error) { P.flash(error.message, false); });
  });

  document.getElementById("older").addEventListener("click", function () {
    offset += PAGE_SIZE;
    loadDashboard().catch(function (error) { P.flash(error.message, false); });
  });
  document.getElementById("newer").addEventListener("click", function () {
    offset = Math.max(0, offset - PAGE_SIZE);
    loadDashboard().catch(function (error) { P.flash(error.message, false); });
  });

  let resizing = null;
  window.addEventListener("resize", function () {
    clearTimeout(resizing);
    resizing = setTimeout(function () {
      if (weeks) P.drawChart(document.getElementById("weekly-chart"), weeks);
    }, 150);
  });

  live.first.catch(function (error) { P.flash(error.message, false); });
})();
