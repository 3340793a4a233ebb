/* The report's data explorer: vanilla JavaScript drawing SVG, no library, no server.
 *
 * Why not Quarto's Observable JS cells: OJS loads Observable's standard library (and
 * d3, Plot) from a CDN when the page opens, so the page would break offline and make
 * requests outside the site. This one file is part of the repository and of the site;
 * it reads the two files the build exports from the clean tables (data/explorer.csv and
 * data/explorer.json, see smartresearch.reporting.explorer_data) and redraws three charts
 * and a table whenever the reader changes the index, the component, the countries or the
 * editions. Colours and labels come from explorer.json, written from
 * smartresearch.plots.palette, so they match the static figures.
 */
(function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";
  var root = document.getElementById("explorer");
  if (!root) return;
  var dataDir = root.getAttribute("data-dir") || "data";
  var meta, rows, state;

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function svgEl(tag, attrs, text) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function $(id) { return document.getElementById(id); }
  function fmt(v) { return v === null || isNaN(v) ? "–" : (Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(3)); }
  function ordinal(n) {
    var s = ["th", "st", "nd", "rd"], v = n % 100;
    return n + (s[(v - 20) % 10] || s[v] || s[0]);
  }
  function median(values) {
    var s = values.slice().sort(function (a, b) { return a - b; }), m = s.length >> 1;
    return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
  }

  function parseCsv(text) {
    var lines = text.split("\n").filter(function (l) { return l.length; });
    var head = lines[0].split(",");
    return lines.slice(1).map(function (line) {
      var cells = line.split(","), row = {};
      head.forEach(function (h, i) { row[h] = cells[i]; });
      row.year = +row.year; row.value = +row.value;
      return row;
    });
  }

  function names() {
    var out = {};
    meta.countries.forEach(function (c) { out[c.iso3] = c.name; });
    return out;
  }
  function index() {
    return meta.indices.filter(function (d) { return d.name === state.dataset; })[0];
  }
  function indicator() {
    return index().indicators.filter(function (i) { return i.name === state.indicator; })[0];
  }
  function colourOf(iso3) {
    if (meta.colours.focus[iso3]) return meta.colours.focus[iso3];
    var others = state.countries.filter(function (c) { return !meta.colours.focus[c]; });
    var h = meta.colours.highlight;
    return h[others.indexOf(iso3) % h.length];
  }

  // Values of the chosen indicator in the chosen editions, with competition ranks among
  // every country assessed in that edition (ties share the better rank), as the static
  // charts rank them (smartresearch.ranking.rank_values).
  function editionTable() {
    var better = indicator().higher_is_better;
    var byYear = {};
    rows.forEach(function (r) {
      if (r.dataset !== state.dataset || r.indicator !== state.indicator) return;
      if (state.editions.indexOf(r.year) < 0) return;
      (byYear[r.year] = byYear[r.year] || []).push(r);
    });
    var out = {};
    Object.keys(byYear).forEach(function (y) {
      var list = byYear[y];
      list.forEach(function (r) {
        var ahead = list.filter(function (o) { return better ? o.value > r.value : o.value < r.value; });
        (out[r.iso3] = out[r.iso3] || {})[y] = { value: r.value, rank: ahead.length + 1, n: list.length };
      });
    });
    return out;
  }

  function axes(svg, w, h, pad, xs, ys, invert, yLabel) {
    var x = function (v) { return pad.l + (xs[1] === xs[0] ? 0.5 : (v - xs[0]) / (xs[1] - xs[0])) * (w - pad.l - pad.r); };
    var y = function (v) {
      var t = ys[1] === ys[0] ? 0.5 : (v - ys[0]) / (ys[1] - ys[0]);
      return invert ? pad.t + t * (h - pad.t - pad.b) : h - pad.b - t * (h - pad.t - pad.b);
    };
    // edition labels, skipping any that would touch the one before (2003, 2004, 2005)
    var lastX = -Infinity, years = state.editions;
    years.forEach(function (yr, i) {
      var at = x(yr);
      var next = i + 1 < years.length ? x(years[years.length - 1]) : Infinity;
      if (at - lastX < 34 || (i + 1 < years.length && next - at < 34)) return;
      lastX = at;
      svg.appendChild(svgEl("text", { x: at, y: h - pad.b + 16, "text-anchor": "middle", "font-size": 11, fill: meta.colours.ink }, String(yr)));
    });
    [0, 0.5, 1].forEach(function (t) {
      var v = ys[0] + t * (ys[1] - ys[0]);
      svg.appendChild(svgEl("line", { x1: pad.l, x2: w - pad.r, y1: y(v), y2: y(v), stroke: "#E5E5E5" }));
      svg.appendChild(svgEl("text", { x: pad.l - 6, y: y(v) + 4, "text-anchor": "end", "font-size": 11, fill: meta.colours.ink }, invert ? String(Math.round(v)) : fmt(v)));
    });
    svg.appendChild(svgEl("text", { x: 4, y: 12, "font-size": 11, fill: meta.colours.peer_text }, yLabel));
    return { x: x, y: y };
  }

  function path(points, scale) {
    var d = "", pen = false;
    points.forEach(function (p) {
      if (p[1] === null || isNaN(p[1])) { pen = false; return; }
      d += (pen ? "L" : "M") + scale.x(p[0]).toFixed(1) + "," + scale.y(p[1]).toFixed(1);
      pen = true;
    });
    return d;
  }

  function chart(id, title, series, opts) {
    var box = $(id);
    box.innerHTML = "";
    var w = 640, h = 300, pad = { l: 52, r: 150, t: 22, b: 26 };
    var svg = svgEl("svg", { viewBox: "0 0 " + w + " " + h, role: "img", "aria-label": title, width: "100%" });
    var all = [];
    series.forEach(function (s) { s.points.forEach(function (p) { if (p[1] !== null && !isNaN(p[1])) all.push(p[1]); }); });
    (opts.band || []).forEach(function (b) { all.push(b[1], b[2]); });
    if (!all.length) {
      svg.appendChild(svgEl("text", { x: w / 2, y: h / 2, "text-anchor": "middle", fill: meta.colours.peer_text }, "No values for this selection"));
      box.appendChild(svg);
      return;
    }
    var lo = Math.min.apply(null, all), hi = Math.max.apply(null, all);
    if (opts.invert) { lo = 1; hi = Math.max(hi, 2); } else { var m = (hi - lo || 1) * 0.08; lo -= m; hi += m; }
    var years = state.editions;
    var scale = axes(svg, w, h, pad, [years[0], years[years.length - 1]], [lo, hi], opts.invert, opts.yLabel);
    if (opts.band && opts.band.length) {
      var top = opts.band.map(function (b) { return scale.x(b[0]).toFixed(1) + "," + scale.y(b[2]).toFixed(1); });
      var bottom = opts.band.slice().reverse().map(function (b) { return scale.x(b[0]).toFixed(1) + "," + scale.y(b[1]).toFixed(1); });
      svg.appendChild(svgEl("polygon", { points: top.concat(bottom).join(" "), fill: meta.colours.peer, "fill-opacity": 0.3, "class": "peer-band" }));
    }
    var ends = [];
    series.forEach(function (s) {
      var d = path(s.points, scale);
      if (!d) return;
      svg.appendChild(svgEl("path", { d: d, fill: "none", stroke: s.colour, "stroke-width": s.width || 2.2, "stroke-dasharray": s.dash || "none", "data-iso3": s.iso3 || "", "class": "series" }));
      s.points.forEach(function (p) {
        if (p[1] === null || isNaN(p[1]) || s.dash) return;
        svg.appendChild(svgEl("circle", { cx: scale.x(p[0]), cy: scale.y(p[1]), r: 3, fill: s.colour }));
      });
      var last = s.points.filter(function (p) { return p[1] !== null && !isNaN(p[1]); }).pop();
      ends.push({ y: scale.y(last[1]), x: scale.x(last[0]), text: s.label, colour: s.text || s.colour });
    });
    ends.sort(function (a, b) { return a.y - b.y; });
    for (var i = 1; i < ends.length; i++) if (ends[i].y - ends[i - 1].y < 13) ends[i].y = ends[i - 1].y + 13;
    ends.forEach(function (e) {
      svg.appendChild(svgEl("text", { x: w - pad.r + 8, y: e.y + 4, "font-size": 11.5, fill: e.colour }, e.text));
    });
    box.appendChild(svg);
  }

  function draw() {
    var nm = names(), ind = indicator(), table = editionTable();
    var years = state.editions;
    var series = state.countries.map(function (iso3) {
      var own = table[iso3] || {};
      var last = years.filter(function (y) { return own[y]; }).pop();
      return {
        iso3: iso3, colour: colourOf(iso3),
        label: nm[iso3] + (last ? " " + ordinal(own[last].rank) : ""),
        values: years.map(function (y) { return [y, own[y] ? own[y].value : null]; }),
        ranks: years.map(function (y) { return [y, own[y] ? own[y].rank : null]; })
      };
    });
    chart("explorer-trajectories", ind.label + " of the chosen countries",
      series.map(function (s) { return { iso3: s.iso3, colour: s.colour, label: s.label, points: s.values }; }),
      { yLabel: ind.label + " (" + ind.unit + ")" });
    chart("explorer-ranks", "Rank among all countries assessed in each edition",
      series.map(function (s) { return { iso3: s.iso3, colour: s.colour, label: s.label, points: s.ranks }; }),
      { invert: true, yLabel: "Rank among the countries assessed (1 = best)" });

    var focus = state.countries[0];
    var peers = state.countries.length > 1 ? state.countries.slice(1)
      : meta.peers.filter(function (c) { return c !== focus; });
    var band = [], med = [];
    years.forEach(function (y) {
      var vals = peers.map(function (c) { return table[c] && table[c][y] ? table[c][y].value : null; })
        .filter(function (v) { return v !== null; });
      if (vals.length) {
        band.push([y, Math.min.apply(null, vals), Math.max.apply(null, vals)]);
        med.push([y, median(vals)]);
      } else med.push([y, null]);
    });
    chart("explorer-band", nm[focus] + " against its peers", [
      { iso3: "", colour: meta.colours.ink, width: 1.2, dash: "5,4", label: "Peers' median", points: med },
      { iso3: focus, colour: colourOf(focus), width: 2.4, label: nm[focus], points: series[0].values }
    ], { band: band, yLabel: ind.label });
    $("explorer-band-note").textContent = "Band: the range of " + peers.length + " peers (" +
      (state.countries.length > 1 ? "the other chosen countries" : "the report's peer group") +
      "), dashed: their median.";

    var body = $("explorer-table").querySelector("tbody");
    body.innerHTML = "";
    state.countries.forEach(function (iso3) {
      years.forEach(function (y) {
        var cell = table[iso3] && table[iso3][y];
        var tr = el("tr", { "data-iso3": iso3 });
        [nm[iso3], String(y), cell ? String(cell.value) : "not assessed",
          cell ? cell.rank + " of " + cell.n : "–"].forEach(function (t) { tr.appendChild(el("td", {}, t)); });
        body.appendChild(tr);
      });
    });
    $("explorer-status").textContent = ind.label + " (" + index().source + "), " +
      state.countries.map(function (c) { return nm[c]; }).join(", ") + "; editions " +
      years[0] + "–" + years[years.length - 1] + ".";
  }

  function chips() {
    var nm = names(), list = $("explorer-chosen");
    list.innerHTML = "";
    state.countries.forEach(function (iso3, i) {
      var li = el("li", { "data-iso3": iso3 });
      li.appendChild(el("span", { style: "color:" + colourOf(iso3) }, nm[iso3] + (i === 0 ? " (profiled)" : "")));
      var b = el("button", { type: "button", "aria-label": "Remove " + nm[iso3] }, "×");
      b.addEventListener("click", function () {
        if (state.countries.length > 1) { state.countries.splice(state.countries.indexOf(iso3), 1); update(); }
      });
      li.appendChild(b);
      list.appendChild(li);
    });
  }

  function editionBoxes() {
    var box = $("explorer-editions");
    box.innerHTML = "";
    index().editions.forEach(function (y) {
      var label = el("label");
      var input = el("input", { type: "checkbox", value: String(y) });
      input.checked = state.editions.indexOf(y) >= 0;
      input.addEventListener("change", function () {
        var picked = Array.prototype.slice.call(box.querySelectorAll("input:checked")).map(function (n) { return +n.value; });
        if (!picked.length) { input.checked = true; return; }
        state.editions = picked.sort(); draw();
      });
      label.appendChild(input);
      label.appendChild(document.createTextNode(" " + y));
      box.appendChild(label);
    });
  }

  function indicatorMenu() {
    var menu = $("explorer-indicator");
    menu.innerHTML = "";
    index().indicators.forEach(function (i) { menu.appendChild(el("option", { value: i.name }, i.label)); });
    menu.value = state.indicator;
  }

  function update() { chips(); draw(); }

  function addCountry() {
    var input = $("explorer-country"), wanted = input.value.trim().toLowerCase();
    var hit = meta.countries.filter(function (c) { return c.name.toLowerCase() === wanted || c.iso3.toLowerCase() === wanted; })[0];
    $("explorer-country-error").textContent = hit ? "" : (wanted ? "No country named “" + input.value + "”." : "");
    if (!hit) return;
    if (state.countries.indexOf(hit.iso3) < 0) state.countries.push(hit.iso3);
    input.value = "";
    update();
  }

  function setup() {
    var menu = $("explorer-index");
    meta.indices.forEach(function (d) { menu.appendChild(el("option", { value: d.name }, d.source)); });
    var list = $("explorer-names");
    meta.countries.forEach(function (c) { list.appendChild(el("option", { value: c.name })); });
    state = { dataset: meta.indices[0].name, indicator: meta.indices[0].indicators[0].name,
      countries: meta.focus.slice(), editions: meta.indices[0].editions.slice() };
    menu.value = state.dataset;
    menu.addEventListener("change", function () {
      state.dataset = menu.value;
      state.indicator = index().indicators[0].name;
      state.editions = index().editions.slice();
      indicatorMenu(); editionBoxes(); update();
    });
    $("explorer-indicator").addEventListener("change", function (e) { state.indicator = e.target.value; draw(); });
    $("explorer-add").addEventListener("click", addCountry);
    $("explorer-country").addEventListener("keydown", function (e) { if (e.key === "Enter") { e.preventDefault(); addCountry(); } });
    indicatorMenu(); editionBoxes(); update();
    root.classList.add("ready");
    root.setAttribute("data-ready", "true");
  }

  function load(name) {
    return fetch(dataDir + "/" + name).then(function (r) {
      if (!r.ok) throw new Error(name + ": HTTP " + r.status);
      return r.text();
    });
  }
  Promise.all([load("explorer.json"), load("explorer.csv")]).then(function (texts) {
    meta = JSON.parse(texts[0]);
    rows = parseCsv(texts[1]);
    root.querySelector(".explorer-ui").hidden = false;
    setup();
  }).catch(function (err) {
    $("explorer-status").textContent = "The explorer could not read its data (" + err.message +
      "). Open the site through a web server, e.g. `python -m http.server` in the site's folder.";
  });
})();
