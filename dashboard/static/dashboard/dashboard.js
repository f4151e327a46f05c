// The built-in dashboard: reads only the public API (fetch), draws small inline SVG charts.
// Text from the API is always inserted with textContent, never as HTML. No inline style or script: the
// page's Content-Security-Policy allows only the project's own files (config/csp.py).
(function () {
  "use strict";

  const API = "/api/";
  const PAGE_SIZE = 25;
  const SVG_NS = "http://www.w3.org/2000/svg";
  const FILTERS = ["stance", "country", "kind", "q"];
  const state = { page: 1 };

  const $ = (sel) => document.querySelector(sel);

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v !== null && v !== undefined) node.setAttribute(k, v);
    }
    for (const child of children) {
      if (child === null || child === undefined) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function svg(tag, attrs, text) {
    const node = document.createElementNS(SVG_NS, tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function currentFilters() {
    const params = new URLSearchParams();
    for (const name of FILTERS) {
      const value = $("#f-" + name).value.trim();
      if (value) params.set(name, value);
    }
    return params;
  }

  async function getJSON(path, params) {
    const url = API + path + (params && [...params].length ? "?" + params.toString() : "");
    const response = await fetch(url, { headers: { Accept: "application/json" } });
    const body = await response.json().catch(() => null);
    if (!response.ok) {
      const detail = body && typeof body === "object"
        ? Object.entries(body).map(([k, v]) => `${k}: ${[].concat(v).join(" ")}`).join("; ")
        : response.statusText;
      throw new Error(detail || `HTTP ${response.status}`);
    }
    return body;
  }

  function stats(path, groupBy, extra) {
    const params = currentFilters();
    params.set("group_by", groupBy);
    for (const [k, v] of Object.entries(extra || {})) params.set(k, v);
    return getJSON(path + "stats/", params);
  }

  // ---- Bar charts -------------------------------------------------------------------------------

  function drawBars(container, data, { classFor } = {}) {
    container.replaceChildren();
    container.dataset.total = data.total;
    if (!data.results.length) {
      container.append(el("p", { class: "empty" }, "No reactions match the filters."));
      return;
    }
    const rowH = 26, labelW = 170, valueW = 40, width = 520;
    const max = Math.max(...data.results.map((r) => r.count));
    const height = data.results.length * rowH + 4;
    const chart = svg("svg", {
      viewBox: `0 0 ${width} ${height}`, role: "img",
      "aria-label": data.results.map((r) => `${r.label}: ${r.count}`).join(", "),
    });
    data.results.forEach((r, i) => {
      const y = i * rowH + 2;
      const barW = Math.max(2, ((width - labelW - valueW) * r.count) / max);
      const g = svg("g", { class: "bar-row", "data-key": r.key === null ? "" : r.key, "data-count": r.count });
      g.append(svg("title", {}, `${r.label}: ${r.count}`));
      g.append(svg("text", { x: labelW - 8, y: y + rowH / 2 + 4, "text-anchor": "end", class: "bar-label" },
        r.label.length > 26 ? r.label.slice(0, 25) + "…" : r.label));
      g.append(svg("rect", {
        x: labelW, y: y + 3, width: barW, height: rowH - 8, rx: 3,
        class: "bar " + (classFor ? classFor(r) : ""),
      }));
      g.append(svg("text", { x: labelW + barW + 6, y: y + rowH / 2 + 4, class: "bar-value" }, r.count));
      chart.append(g);
    });
    container.append(chart);
  }

  // ---- Timeline ---------------------------------------------------------------------------------

  // A partial date shows only what is known: "2024-04" for month precision, "2024" for year.
  function shownDate(value, precision) {
    if (!value || precision === "unknown") return "unknown";
    if (precision === "month") return value.slice(0, 7);
    if (precision === "year") return value.slice(0, 4);
    return value;
  }

  function parseDay(iso) {
    const [y, m, d] = iso.split("-").map(Number);
    return Date.UTC(y, m - 1, d);
  }

  function drawTimeline(events, byDay) {
    const box = $("#timeline");
    const list = $("#timeline-events");
    box.replaceChildren();
    list.replaceChildren();
    // Only day-precise events get a mark; "April 2024" must not be drawn as April 1st.
    const dated = events.filter((e) => e.date && e.date_precision === "day");
    const partial = events.filter((e) => e.date && e.date_precision !== "day");
    const days = byDay.results.filter((r) => r.key);
    const times = [...dated.map((e) => parseDay(e.date)), ...days.map((r) => parseDay(r.key))];
    if (!times.length) {
      box.append(el("p", { class: "empty" }, "No dated events or reactions match the filters."));
      return;
    }
    const DAY = 86400000;
    const min = Math.min(...times) - DAY, max = Math.max(...times) + DAY;
    const width = 1000, height = 190, left = 36, right = 12, top = 58, bottom = 28;
    const plotH = height - top - bottom;
    const x = (t) => left + ((t - min) / (max - min)) * (width - left - right);
    const maxCount = Math.max(1, ...days.map((r) => r.count));
    const chart = svg("svg", {
      viewBox: `0 0 ${width} ${height}`, role: "img",
      "aria-label": `${dated.length} events and reactions per day; the events are listed below the chart.`,
    });
    chart.append(svg("line", { x1: left, x2: width - right, y1: height - bottom, y2: height - bottom,
      class: "axis-line" }));
    chart.append(svg("text", { x: left - 6, y: top + 4, "text-anchor": "end", class: "axis" }, maxCount));
    chart.append(svg("text", { x: left - 6, y: height - bottom, "text-anchor": "end", class: "axis" }, 0));
    const barW = Math.max(3, Math.min(24, ((width - left - right) * DAY) / (max - min) - 2));
    for (const r of days) {
      const h = (plotH * r.count) / maxCount;
      const g = svg("g", { class: "tl-day", "data-day": r.key, "data-count": r.count });
      g.append(svg("title", {}, `${r.key}: ${r.count} reaction${r.count === 1 ? "" : "s"}`));
      g.append(svg("rect", { x: x(parseDay(r.key)) - barW / 2, y: height - bottom - h, width: barW, height: h,
        class: "tl-bar" }));
      chart.append(g);
    }
    // Tick labels: first and last day, and month starts in between.
    const ticks = new Set([min + DAY, max - DAY]);
    for (let t = min; t <= max; t += DAY) if (new Date(t).getUTCDate() === 1) ticks.add(t);
    for (const t of ticks) {
      chart.append(svg("text", { x: x(t), y: height - 10, "text-anchor": "middle", class: "axis" },
        new Date(t).toISOString().slice(0, 10)));
    }
    const perDay = {};
    dated.forEach((e, i) => {
      const cx = x(parseDay(e.date));
      const stack = (perDay[e.date] = (perDay[e.date] || 0) + 1) - 1;
      const cy = 10 + (stack % 5) * 11;
      const g = svg("g", { class: "tl-event-mark" });
      g.append(svg("title", {}, `${shownDate(e.date, e.date_precision)}: ${e.title}`));
      g.append(svg("line", { x1: cx, x2: cx, y1: cy, y2: height - bottom, class: "tl-event-line" }));
      g.append(svg("circle", { cx, cy, r: 5, class: "tl-event" }));
      g.append(svg("text", { x: cx + 8, y: cy + 4, class: "axis" }, i + 1));
      chart.append(g);
    });
    box.append(chart);
    box.append(el("p", { class: "legend" },
      el("span", { class: "swatch swatch-reactions" }), "reactions per day · ",
      el("span", { class: "swatch swatch-events" }), "events (numbered below)"));
    for (const e of dated) {
      list.append(el("li", { class: "timeline-event" }, el("time", { datetime: shownDate(e.date, e.date_precision) }, shownDate(e.date, e.date_precision)), " — ",
        e.title, e.place ? ` (${e.place})` : ""));
    }
    for (const e of partial) {
      list.append(el("li", { class: "timeline-event partial" },
        el("time", { datetime: shownDate(e.date, e.date_precision) }, shownDate(e.date, e.date_precision)),
        " — ", e.title, " (exact day unknown; not on the chart)"));
    }
  }

  // ---- Table ------------------------------------------------------------------------------------

  function citationsCell(citations) {
    if (!citations.length) return el("span", { class: "muted" }, "none");
    const ul = el("ul", { class: "citations" });
    for (const c of citations) {
      const s = c.source;
      ul.append(el("li", {},
        el("a", { href: `${API}sources/${encodeURIComponent(s.slug)}/` }, `${s.publisher}: ${s.title}`),
        el("blockquote", {}, `“${c.excerpt}”`)));
    }
    return ul;
  }

  function drawTable(page) {
    const tbody = $("#reactions-table tbody");
    tbody.replaceChildren();
    $("#table-count").textContent = `(${page.count})`;
    for (const r of page.results) {
      const country = r.actor.country_name ? ` · ${r.actor.country_name}` : "";
      tbody.append(el("tr", { "data-slug": r.slug },
        el("td", { class: "date" }, shownDate(r.date, r.date_precision)),
        el("td", {}, el("strong", {}, r.actor.name), el("span", { class: "muted" }, country)),
        el("td", {}, r.kind.replace(/_/g, " ")),
        el("td", {}, el("span", { class: "pill " + r.stance }, r.stance)),
        el("td", {}, r.description),
        el("td", {}, citationsCell(r.citations))));
    }
    if (!page.results.length) {
      tbody.append(el("tr", {}, el("td", { colspan: 6, class: "muted" }, "No reactions match the filters.")));
    }
    const pages = Math.max(1, Math.ceil(page.count / PAGE_SIZE));
    $("#page-info").textContent = `Page ${state.page} of ${pages}`;
    $("#prev-page").disabled = !page.previous;
    $("#next-page").disabled = !page.next;
  }

  async function loadTable() {
    const params = currentFilters();
    params.set("page_size", PAGE_SIZE);
    params.set("page", state.page);
    drawTable(await getJSON("reactions/", params));
  }

  // ---- Wiring -----------------------------------------------------------------------------------

  async function fillCountries() {
    // Every country that has reactions, whatever the current filters.
    const data = await getJSON("reactions/stats/", new URLSearchParams({ group_by: "country" }));
    const select = $("#f-country");
    const chosen = new URLSearchParams(location.search).get("country") || "";
    const options = data.results.filter((r) => r.key).sort((a, b) => a.label.localeCompare(b.label));
    for (const r of options) select.append(el("option", { value: r.key }, r.label));
    select.value = chosen;
  }

  async function refresh() {
    const status = $("#status");
    status.classList.remove("error");
    status.textContent = "Loading…";
    document.body.dataset.loaded = "false";
    const params = currentFilters();
    history.replaceState(null, "", params.toString() ? "?" + params : location.pathname);
    const csv = currentFilters();
    csv.set("format", "csv");
    $("#csv-link").href = `${API}reactions/?${csv}`;
    try {
      const eventParams = new URLSearchParams({ page_size: 1000, ordering: "date" });
      const [byStance, byCountry, byDay, events] = await Promise.all([
        stats("reactions/", "stance"), stats("reactions/", "country"),
        stats("reactions/", "date", { interval: "day" }), getJSON("events/", eventParams), loadTable(),
      ]);
      drawBars($("[data-chart=stance]"), byStance, { classFor: (r) => r.key });
      drawBars($("[data-chart=country]"), byCountry);
      drawTimeline(events.results, byDay);
      status.textContent = `${byStance.total} reaction${byStance.total === 1 ? "" : "s"} match the filters.`;
      document.body.dataset.loaded = "true";
    } catch (err) {
      status.classList.add("error");
      status.textContent = `Could not load the data: ${err.message}`;
      document.body.dataset.loaded = "error";
    }
  }

  document.addEventListener("DOMContentLoaded", async () => {
    const initial = new URLSearchParams(location.search);
    for (const name of FILTERS) if (initial.get(name)) $("#f-" + name).value = initial.get(name);
    const form = $("#filters");
    form.addEventListener("submit", (e) => { e.preventDefault(); state.page = 1; refresh(); });
    form.addEventListener("change", (e) => {
      if (e.target.tagName === "SELECT") { state.page = 1; refresh(); }
    });
    form.addEventListener("reset", () => setTimeout(() => { state.page = 1; refresh(); }, 0));
    $("#prev-page").addEventListener("click", () => { state.page -= 1; loadTable().catch(() => {}); });
    $("#next-page").addEventListener("click", () => { state.page += 1; loadTable().catch(() => {}); });
    try { await fillCountries(); } catch (err) { /* the filter still accepts typed-in URLs */ }
    refresh();
  });
})();
