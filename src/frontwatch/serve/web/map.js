// frontwatch map: settlements coloured by side and evidence tier, a day slider, an
// "as known on" moment, place search, and the evidence of a settlement beside the map.
// Every text that came from a report is put in the page as text (textContent), never
// parsed as HTML; every request goes to this server.
"use strict";

(function () {
  const API = "/api/v1";
  const DAY_MS = 86400000;
  const TIER_FILL = { claimed: 0.25, reported: 0.5, corroborated: 0.75, confirmed: 0.95 };
  const SIDE_COLOUR = { UA: "#1f5fbf", RU: "#c0392b", contested: "#8e44ad", other: "#7f8c8d" };

  const state = {
    first: null, days: 0, items: [], selected: null, markers: new Map(), fitted: false,
  };
  const $ = (id) => document.getElementById(id);

  // An element with attributes and children; strings become text nodes.
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value !== null && value !== undefined) node.setAttribute(name, String(value));
    }
    for (const child of children) {
      if (child === null || child === undefined) continue;
      node.append(typeof child === "string" ? document.createTextNode(child) : child);
    }
    return node;
  }

  function status(text) {
    $("status").textContent = text;
  }

  async function getJson(path) {
    const response = await fetch(API + path, { headers: { accept: "application/json" } });
    const body = await response.json();
    if (!response.ok) {
      const error = new Error(body.message || response.statusText);
      error.code = body.code;
      throw error;
    }
    return body;
  }

  function dayOf(index) {
    return new Date(state.first.getTime() + index * DAY_MS).toISOString().slice(0, 10);
  }

  function indexOf(day) {
    return Math.round((Date.parse(day + "T00:00:00Z") - state.first.getTime()) / DAY_MS);
  }

  function query() {
    const params = new URLSearchParams({ on: $("day").value });
    if ($("known").value) params.set("as_known_on", $("known").value);
    return params.toString();
  }

  // ---- the map ---------------------------------------------------------------------

  let map = null;
  let layer = null;

  function makeMap() {
    if (typeof L === "undefined") {
      document.body.dataset.mapLibrary = "missing";
      return;
    }
    map = L.map("map", { zoomControl: true, attributionControl: false }).setView([49, 35], 6);
    layer = L.layerGroup().addTo(map);
    // The basemap has its own pane under the settlements; in it, oblast outlines (if
    // built) are drawn after, so over, the filled countries.
    map.createPane("basemap").style.zIndex = 350;
    fetch("/static/vendor/basemap.geojson")
      .then((r) => (r.ok ? r.json() : null))
      .then((land) => {
        if (!land) return;
        // The oblast outlines are opt-in (FRONTWATCH_OBLASTS=1 scripts/build_web.sh): their
        // source is credited only where the basemap has them.
        const oblasts = (land.features || []).some(
          (f) => f.properties && f.properties.kind === "oblast"
        );
        document.getElementById("oblast-credit").hidden = !oblasts;
        document.body.dataset.basemap = oblasts ? "countries+oblasts" : "countries";
        L.geoJSON(land, {
          pane: "basemap",
          style: (f) =>
            f.properties && f.properties.kind === "oblast"
              ? { color: "#9aa5b1", weight: 1, dashArray: "4 3", fill: false }
              : { color: "#8a97a6", weight: 1, fillColor: "#f4f1ea", fillOpacity: 1 },
          interactive: false,
        }).addTo(map);
      })
      .catch(() => status("no basemap (run scripts/build_web.sh)"));
  }

  function drawMarkers() {
    state.markers.clear();
    if (!map) return;
    layer.clearLayers();
    for (const item of state.items) {
      const side = item.side in SIDE_COLOUR ? item.side : "other";
      const marker = L.circleMarker([item.place.lat, item.place.lon], {
        radius: 7,
        color: SIDE_COLOUR[side],
        weight: 2,
        dashArray: item.contested ? "3 3" : null,
        fillColor: SIDE_COLOUR[side],
        fillOpacity: TIER_FILL[item.tier] || 0.25,
        className: `settlement side-${side} tier-${item.tier}`,
      });
      marker.bindTooltip(item.place.name, {
        permanent: true, direction: "right", className: "place-label", offset: [6, 0],
      });
      marker.on("click", () => select(item.key));
      marker.addTo(layer);
      const path = marker.getElement();
      if (path) {
        path.dataset.key = item.key;
        path.dataset.name = item.place.name;
        path.dataset.side = item.side;
        path.dataset.tier = item.tier;
      }
      state.markers.set(item.key, marker);
    }
  }

  // The first time there are settlements, frame them.
  function fitOnce() {
    if (state.fitted || !map || state.markers.size === 0) return;
    map.fitBounds(L.featureGroup([...state.markers.values()]).getBounds().pad(0.3));
    state.fitted = true;
  }

  function listPlaces() {
    const list = $("places");
    list.replaceChildren();
    for (const item of state.items) {
      const side = item.side in SIDE_COLOUR ? item.side : "other";
      const entry = el(
        "li",
        { "data-key": item.key, "data-side": item.side, "data-tier": item.tier },
        el("span", { class: `swatch side-${side}` }),
        `${item.place.name}: ${item.side}, ${item.tier}${item.contested ? ", contradicted" : ""}`,
      );
      if (item.key === state.selected) entry.classList.add("selected");
      entry.addEventListener("click", () => select(item.key));
      list.append(entry);
    }
  }

  async function refresh() {
    status("loading…");
    try {
      const control = await getJson("/control?" + query());
      state.items = control.items;
      drawMarkers();
      fitOnce();
      listPlaces();
      const known = control.as_known_on ? `, as known on ${$("known").value}` : "";
      status(`${control.items.length} settlements on ${control.on}${known}`);
      if (state.selected) await showEvidence(state.selected);
    } catch (error) {
      status(`error: ${error.message}`);
    }
  }

  // ---- evidence ----------------------------------------------------------------------

  async function select(key) {
    state.selected = key;
    for (const li of $("places").children) {
      li.classList.toggle("selected", li.dataset.key === key);
    }
    const marker = state.markers.get(key);
    if (marker && map) map.panTo(marker.getLatLng());
    await showEvidence(key);
  }

  async function showEvidence(key) {
    const box = $("evidence");
    const params = new URLSearchParams();
    if ($("known").value) params.set("as_known_on", $("known").value);
    try {
      const timeline = await getJson(`/timeline/${encodeURIComponent(key)}?${params}`);
      const name = timeline.places.length ? timeline.places[0].name : key;
      const day = $("day").value;
      box.replaceChildren(
        el("h2", { id: "evidence-title" }, name),
        ...timeline.periods.map((p) => period(p, day)),
      );
      $("panel").scrollTop = 0;
    } catch (error) {
      box.replaceChildren(el("p", { class: "hint" }, error.message));
    }
  }

  function covers(p, day) {
    return (p.start || "") <= day && (p.end === null || day <= p.end);
  }

  function period(p, day) {
    const node = el(
      "div",
      { class: covers(p, day) ? "period current" : "period", "data-side": p.side },
      el("h3", {}, `${p.side} ${p.start || "?"} – ${p.end || "now"}: ${p.tier}, ` +
        `confidence ${p.confidence.toFixed(2)}`),
      el(
        "div",
        { class: "sides" },
        el("div", { class: "supports" }, el("h4", {}, `Supports (${p.evidence.length})`),
          ...p.evidence.map(claim)),
        el("div", { class: "contradicts" },
          el("h4", {}, `Contradicts (${p.contradictions.length})`),
          ...p.contradictions.map(claim)),
      ),
    );
    return node;
  }

  function claim(c) {
    const who = c.claimant
      ? `${c.claimant.name}${c.claimant.side ? ` [${c.claimant.side}]` : ""}`
      : "the report";
    const meta = [
      c.kind, c.side || "?", c.polarity === "negated" ? "denied" : c.modality,
      c.channel ? `via ${c.channel}` : null,
    ].filter(Boolean).join(" · ");
    return el(
      "div",
      { class: "claim", "data-claim": c.id },
      el("div", {}, el("span", { class: "who" }, who), " ", el("span", { class: "meta" }, meta)),
      el("blockquote", {}, ...sentence(c)),
      source(c),
    );
  }

  // The sentence, with the place named in it marked, inside the text around it.
  function sentence(c) {
    const text = c.evidence.text;
    const ctx = c.context;
    const span = ctx && ctx.place_span;
    const parts = span
      ? [text.slice(0, span[0]), el("mark", {}, text.slice(span[0], span[1])), text.slice(span[1])]
      : [text];
    const main = el("span", { class: "sentence" }, ...parts);
    if (!ctx) return [main];
    return [el("span", { class: "ctx" }, "…" + ctx.before), main,
      el("span", { class: "ctx" }, ctx.after + "…")];
  }

  function source(c) {
    const doc = c.document;
    if (!doc) return el("div", { class: "meta" }, c.doc);
    const label = `${doc.outlet || doc.id}${doc.published ? ", " + doc.published : ""}`;
    const title = doc.title ? `: ${doc.title}` : "";
    if (doc.url && /^https?:\/\//i.test(doc.url)) {
      return el("div", { class: "meta" },
        el("a", { href: doc.url, rel: "noopener noreferrer nofollow", target: "_blank" }, label),
        title);
    }
    return el("div", { class: "meta" }, label + title);
  }

  // ---- controls ------------------------------------------------------------------------

  async function search(event) {
    event.preventDefault();
    const q = $("q").value.trim();
    if (!q) return;
    try {
      const found = await getJson("/places/resolve?q=" + encodeURIComponent(q));
      const key = found.places[0].key;
      status(`${q}: ${found.places.map((p) => p.name).join(", ")}`);
      await select(key);
    } catch (error) {
      status(error.message);
    }
  }

  function setDay(day) {
    $("day").value = day;
    $("slider").value = String(indexOf(day));
    return refresh();
  }

  async function start() {
    makeMap();
    const stats = await getJson("/stats");
    const last = stats.last_day || new Date().toISOString().slice(0, 10);
    state.first = new Date((stats.first_day || last) + "T00:00:00Z");
    state.days = indexOf(last);
    $("slider").max = String(state.days);
    $("day").min = dayOf(0);
    $("day").max = last;
    $("slider").addEventListener("input", () => setDay(dayOf(Number($("slider").value))));
    $("day").addEventListener("change", () => $("day").value && setDay($("day").value));
    $("known").addEventListener("change", refresh);
    $("known-clear").addEventListener("click", () => { $("known").value = ""; refresh(); });
    $("search").addEventListener("submit", search);
    await setDay(last);
    document.body.dataset.ready = "true";
  }

  start().catch((error) => status(`error: ${error.message}`));
})();
