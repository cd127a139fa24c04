// Confirming a purchase: a Buy button asks the API what the purchase would do (nothing is
// spent), shows it in the page's confirm panel, and buys only when the player confirms.
(function () {
  "use strict";
  const P = window.Progression;
  if (!P) return;
  const panel = document.getElementById("confirm");
  const body = document.getElementById("confirm-body");
  const buy = document.getElementById("confirm-buy");
  const cancel = document.getElementById("confirm-cancel");
  let pending = null;  // {character, kind, id, name, button} while the panel is open

  function close() {
    panel.hidden = true;
    if (pending && pending.button) pending.button.focus();
    pending = null;
  }

  function describe(preview, characterName) {
    const el = P.el;
    const fragment = document.createDocumentFragment();
    fragment.appendChild(el("p", "Buy " + preview.name + " for " + characterName + "?", "confirm-title"));
    fragment.appendChild(el("p", "Price: " + preview.price + " XP", "confirm-price"));
    const pools = el("ul", null, "confirm-pools");
    [["locked", characterName + "'s locked XP"], ["transferable", characterName + "'s transferable XP"],
     ["account", "your account's XP"]].forEach(function (pool) {
      const part = preview.parts[pool[0]];
      const li = el("li", part + " from " + pool[1] + " (" + preview.available[pool[0]] + " there)");
      li.dataset.pool = pool[0];
      li.dataset.part = part;
      if (!part) li.className = "muted";
      pools.appendChild(li);
    });
    fragment.appendChild(pools);
    if (preview.released) {
      fragment.appendChild(el("p", "It releases " + preview.released +
        " banked development points into the trait.", "confirm-release"));
    }
    if (preview.refusal) {
      fragment.appendChild(el("p", "It cannot be bought now: " + preview.refusal.detail, "confirm-refusal"));
    } else {
      fragment.appendChild(el("p", "A purchase is permanent: only staff can refund it.", "muted"));
    }
    return fragment;
  }

  async function open(button, characterName, onBought) {
    const wanted = { character: button.dataset.character, kind: button.dataset.kind,
      id: parseInt(button.dataset.id, 10), name: button.dataset.name, button: button };
    const preview = await P.api("characters/" + wanted.character + "/quote/?kind=" +
      encodeURIComponent(wanted.kind) + "&id=" + wanted.id);
    pending = Object.assign(wanted, { onBought: onBought });
    body.replaceChildren(describe(preview, characterName));
    buy.hidden = Boolean(preview.refusal);
    buy.disabled = false;
    panel.hidden = false;
    (preview.refusal ? cancel : buy).focus();
  }

  buy.addEventListener("click", async function () {
    if (!pending) return;
    const wanted = pending;
    buy.disabled = true;
    try {
      await P.api("characters/" + wanted.character + "/unlocks/",
        { body: { kind: wanted.kind, id: wanted.id } });
      pending = null;
      panel.hidden = true;
      await wanted.onBought();
      P.flash("Unlocked " + wanted.name + ".", true);
    } catch (error) {
      P.flash(error.message, false);
      buy.disabled = false;
    }
  });
  cancel.addEventListener("click", close);
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && !panel.hidden) close();
  });

  P.confirmPurchase = open;
})();
