// The weekly earnings chart: bars for XP and kudos per week, drawn in the container's own
// pixels (so its 12 px labels stay 12 px at any width), with a y axis and a legend in HTML.
(function () {
  "use strict";
  const P = window.Progression;
  if (!P) return;
  const NS = "http://www.w3.org/2000/svg";
  const SERIES = [["xp_earned", "bar-xp", "XP"], ["kudos_earned", "bar-kudos", "Kudos"]];

  function svgNode(tag, attributes, text) {
    const node = document.createElementNS(NS, tag);
    Object.keys(attributes).forEach(function (name) { node.setAttribute(name, attributes[name]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function legend() {
    const ul = P.el("ul", null, "legend");
    SERIES.forEach(function (series) {
      const li = P.el("li");
      li.appendChild(P.el("span", null, "swatch " + series[1]));
      li.appendChild(document.createTextNode(series[2] + " earned"));
      ul.appendChild(li);
    });
    return ul;
  }

  function drawChart(container, weeks) {
    const width = Math.max(240, Math.floor(container.clientWidth || 480));
    const height = 170, left = 36, right = 6, top = 10, bottom = 24;
    const svg = svgNode("svg", { viewBox: "0 0 " + width + " " + height, width: width,
      height: height, role: "img" });
    const highest = Math.max(1, ...weeks.map(function (w) { return Math.max(w.xp_earned, w.kudos_earned); }));
    const plotHeight = height - top - bottom;
    const y = function (value) { return top + plotHeight - plotHeight * value / highest; };
    // The y axis: 0, half and the highest week, each with a faint guide line.
    [0, Math.round(highest / 2), highest].forEach(function (tick) {
      svg.appendChild(svgNode("line", { x1: left, x2: width - right, y1: y(tick), y2: y(tick), class: "guide" }));
      svg.appendChild(svgNode("text", { x: left - 4, y: y(tick) + 4, "text-anchor": "end" }, String(tick)));
    });
    const slot = (width - left - right) / Math.max(weeks.length, 1);
    const bar = Math.max(2, slot / 2 - 2);
    weeks.forEach(function (w, i) {
      SERIES.forEach(function (series, s) {
        const value = w[series[0]];
        const rect = svgNode("rect", { x: left + i * slot + s * bar + 1, y: y(value), width: bar,
          height: top + plotHeight - y(value), class: series[1] });
        rect.appendChild(svgNode("title", {}, series[2] + " in the week of " + w.week_start + ": " + value));
        svg.appendChild(rect);
      });
      // The x axis: the Monday of every third week (month-day), more where there is room.
      if (i % (slot < 40 ? 3 : 2) === 0) {
        svg.appendChild(svgNode("text", { x: left + i * slot + 1, y: height - 6 }, w.week_start.slice(5)));
      }
    });
    container.replaceChildren(svg, legend());
  }

  P.drawChart = drawChart;
})();
