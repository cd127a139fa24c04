// A character sheet on the Progression page, drawn from /characters/sheets/: class levels,
// own XP, the goal with what still stands in its way, traits and their development, the path
// history as a timeline, and the achievements with their progress. Names and descriptions are
// set as text, never as HTML.
(function () {
  "use strict";
  const P = window.Progression;
  if (!P) return;
  const el = P.el;

  function classesLine(sheet) {
    if (!sheet.classes.length) return el("p", "No class yet.", "muted sheet-classes");
    return el("p", sheet.classes.map(function (c) {
      return c.name + " " + c.level + (c.is_primary ? " (primary)" : "");
    }).join(" · "), "sheet-classes");
  }

  function goalBlock(goal) {
    const block = el("div", null, "sheet-goal");
    if (!goal) {
      block.appendChild(el("p", "No goal set. In the game: plan/set <unlock>.", "muted"));
      return block;
    }
    if (goal.reached) {
      block.appendChild(el("p", "Goal reached: " + goal.unlock + "."));
      return block;
    }
    const line = el("p", "Goal: " + goal.unlock + " — " + goal.saved_xp + " of " + goal.total_xp +
      " XP saved ");
    line.appendChild(P.bar(goal.saved_xp, goal.total_xp, "XP saved toward " + goal.unlock));
    block.appendChild(line);
    if (goal.steps.length > 1) block.appendChild(el("p", "Steps: " + goal.steps.join(" → "), "muted"));
    // Saved XP is not the whole story: what the plan still misses is said beside it.
    if (goal.unmet.length || goal.not_for_sale.length) {
      block.appendChild(el("p", "Still missing:", "missing-title"));
      const ul = el("ul", null, "missing");
      goal.unmet.forEach(function (message) { ul.appendChild(el("li", message)); });
      goal.not_for_sale.forEach(function (label) { ul.appendChild(el("li", label + " is not for sale yet")); });
      block.appendChild(ul);
    } else if (goal.saved_xp >= goal.total_xp) {
      block.appendChild(el("p", "Ready to buy: nothing is missing.", "ready"));
    }
    return block;
  }

  function traitItem(trait) {
    const li = el("li", null, "trait");
    const head = el("div", null, "trait-head");
    head.appendChild(el("span", trait.trait, "trait-name"));
    head.appendChild(el("span", trait.rating, "trait-rating"));
    li.appendChild(head);
    const growth = el("div", null, "trait-growth");
    growth.appendChild(P.bar(trait.toward_next, trait.needed_for_next,
      trait.trait + " toward " + trait.next_rating));
    growth.appendChild(el("span", trait.toward_next + "/" + trait.needed_for_next + " to " +
      trait.next_rating, "muted"));
    li.appendChild(growth);
    if (trait.banked) {
      const points = trait.banked + (trait.banked === 1 ? " point" : " points");
      li.appendChild(el("div", points + " banked, held by " + (trait.held_by || "a locked threshold") +
        (trait.held_by ? " (" + trait.release_cost + " XP)" : ""), "banked"));
    }
    return li;
  }

  function pathTimeline(paths) {
    if (!paths.length) return el("p", "No path chosen yet.", "muted");
    const ol = el("ol", null, "timeline");
    paths.forEach(function (path) {
      const li = el("li");
      const head = el("div", null, "timeline-head");
      head.appendChild(el("span", path.stage, "stage"));
      head.appendChild(el("strong", path.name));
      head.appendChild(el("span", P.shortDate(path.selected_at), "date"));
      li.appendChild(head);
      if (path.description) li.appendChild(el("p", path.description, "muted"));
      ol.appendChild(li);
    });
    return ol;
  }

  // Earned ones first, then those under way, then the rest, each keeping the game's order.
  function achievementList(achievements) {
    if (!achievements.length) return el("p", "No achievements yet.", "muted");
    const rank = function (a) { return a.completed ? 0 : (a.done ? 1 : 2); };
    const ul = el("ul", null, "achievements");
    achievements.slice().sort(function (a, b) { return rank(a) - rank(b); })
      .forEach(function (achievement) {
        const li = el("li", null, "achievement" + (achievement.completed ? " earned" : ""));
        li.dataset.achievement = achievement.key;
        const head = el("div", null, "achievement-head");
        head.appendChild(el("span", achievement.name, "achievement-name"));
        head.appendChild(el("span", achievement.progress, "achievement-progress"));
        li.appendChild(head);
        if (!achievement.completed && achievement.needed > 1) {
          li.appendChild(P.bar(achievement.done, achievement.needed,
            achievement.name + ": " + achievement.progress));
        }
        li.appendChild(el("div", achievement.description, "muted"));
        ul.appendChild(li);
      });
    return ul;
  }

  function sheetCard(sheet) {
    const card = el("article", null, "sheet");
    card.dataset.character = sheet.name;
    card.dataset.characterId = sheet.id;
    card.appendChild(el("h3", sheet.name, "h5"));
    card.appendChild(classesLine(sheet));
    card.appendChild(el("p", sheet.locked_xp + " locked XP · " + sheet.transferable_xp +
      " transferable XP", "muted sheet-xp"));
    card.appendChild(goalBlock(sheet.goal));
    card.appendChild(el("h4", "Traits", "h6"));
    if (sheet.traits.length) {
      const ul = el("ul", null, "traits");
      sheet.traits.forEach(function (trait) { ul.appendChild(traitItem(trait)); });
      card.appendChild(ul);
    } else {
      card.appendChild(el("p", "No traits yet.", "muted"));
    }
    card.appendChild(el("h4", "Path", "h6"));
    card.appendChild(pathTimeline(sheet.paths));
    card.appendChild(el("h4", "Achievements", "h6"));
    card.appendChild(achievementList(sheet.achievements));
    return card;
  }

  P.sheetCard = sheetCard;
})();
