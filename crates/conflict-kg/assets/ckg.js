// conflict-kg's web page (ckg serve): a SPARQL editor (CodeMirror 5, SPARQL mode), the named
// queries of queries/, results as a sortable table, and a map of every result with a WKT point
// or an incident with a located place (Leaflet over world-atlas country outlines: no tiles,
// no network). Also draws the map of an incident's page.
var ckg = (function () {
  "use strict";
  var config = JSON.parse(document.getElementById("config") ? document.getElementById("config").textContent : "{}");
  var WKT = "http://www.opengis.net/ont/geosparql#wktLiteral";

  function point(wkt) {
    var m = /POINT\s*\(\s*(-?[\d.]+)\s+(-?[\d.]+)\s*\)/i.exec(wkt || "");
    return m ? [parseFloat(m[2]), parseFloat(m[1])] : null;
  }

  function shortIri(iri) {
    var best = null;
    (config.prefixes || []).forEach(function (p) {
      if (iri.indexOf(p[1]) === 0 && (!best || p[1].length > best[1].length)) best = p;
    });
    return best ? best[0] + ":" + iri.slice(best[1].length) : "<" + iri + ">";
  }

  function localHref(iri) {
    return config.base && iri.indexOf(config.base) === 0 ? "/id/" + iri.slice(config.base.length) : iri;
  }

  function baseMap(element) {
    var map = L.map(element, { worldCopyJump: true, attributionControl: false }).setView([35, 39], 6);
    fetch("/assets/countries-50m.json").then(function (r) { return r.json(); }).then(function (topo) {
      var countries = topojson.feature(topo, topo.objects.countries);
      L.geoJSON(countries, { style: { color: "#777", weight: 1, fillColor: "#f4f1e8", fillOpacity: 1 }, interactive: false }).addTo(map).bringToBack();
    });
    return map;
  }

  function marker(layer, latlng, label, href) {
    var m = L.circleMarker(latlng, { radius: 7, color: "#a00", weight: 2, fillColor: "#e33", fillOpacity: 0.8, className: "ckg-marker" });
    m.bindPopup(href ? '<a href="' + href + '">' + label + "</a>" : label);
    m.addTo(layer);
    return m;
  }

  function page() {
    var editor = CodeMirror.fromTextArea(document.getElementById("query"), { mode: "sparql", lineNumbers: true });
    window.ckgEditor = editor;
    var named = document.getElementById("named");
    (config.queries || []).forEach(function (q, i) {
      var o = document.createElement("option");
      o.value = String(i);
      o.textContent = q.name;
      named.appendChild(o);
    });
    named.addEventListener("change", function () {
      var q = config.queries[parseInt(named.value, 10)];
      if (!q) return;
      editor.setValue(q.query);
      var comment = q.query.split("\n").filter(function (l) { return /^#/.test(l); }).map(function (l) { return l.replace(/^#\s?/, ""); }).join(" ");
      document.getElementById("description").textContent = comment;
    });
    var map = baseMap("map");
    var markers = L.featureGroup().addTo(map);
    window.ckgMap = map;
    window.ckgMarkers = markers;
    document.getElementById("run").addEventListener("click", function () { run(editor.getValue(), markers, map); });
    document.addEventListener("keydown", function (e) {
      if (e.ctrlKey && e.key === "Enter") run(editor.getValue(), markers, map);
    });
  }

  function setStatus(text, error) {
    var s = document.getElementById("status");
    s.textContent = text;
    s.className = error ? "error" : "";
    return s;
  }

  function run(query, markers, map) {
    setStatus("running…");
    var started = Date.now();
    fetch("/sparql", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", "Accept": "application/sparql-results+json, text/turtle;q=0.9" },
      body: "query=" + encodeURIComponent(query)
    }).then(function (r) {
      var truncated = r.headers.get("X-CKG-Truncated");
      var type = r.headers.get("Content-Type") || "";
      return r.text().then(function (text) {
        if (!r.ok) { setStatus(r.status + ": " + text, true); return; }
        var table = document.getElementById("results"), raw = document.getElementById("raw");
        markers.clearLayers();
        if (type.indexOf("json") < 0) {
          table.innerHTML = ""; raw.hidden = false; raw.textContent = text;
          setStatus("graph answer, " + text.length + " bytes");
          return;
        }
        raw.hidden = true;
        var json = JSON.parse(text);
        if (typeof json.boolean === "boolean") { table.innerHTML = "<tr><td>" + json.boolean + "</td></tr>"; setStatus("ASK"); return; }
        var vars = json.head.vars, rows = json.results.bindings;
        render(table, vars, rows);
        var s = setStatus(rows.length + " row" + (rows.length === 1 ? "" : "s") + " in " + (Date.now() - started) + " ms");
        if (truncated) {
          var t = document.createElement("span");
          t.className = "truncated";
          t.textContent = " · cut by the server's row limit (" + truncated + ")";
          s.appendChild(t);
        }
        plot(vars, rows, markers, map);
      });
    }).catch(function (e) { setStatus("request failed: " + e, true); });
  }

  function cell(b) {
    var td = document.createElement("td");
    if (!b) return td;
    if (b.type === "uri") {
      var a = document.createElement("a");
      a.href = localHref(b.value);
      a.textContent = shortIri(b.value);
      td.appendChild(a);
      td.dataset.sort = shortIri(b.value);
    } else {
      td.textContent = b.value;
      td.dataset.sort = b.value;
    }
    return td;
  }

  function render(table, vars, rows) {
    table.innerHTML = "";
    var thead = table.createTHead(), tr = thead.insertRow();
    vars.forEach(function (v, i) {
      var th = document.createElement("th");
      th.textContent = v;
      th.addEventListener("click", function () { sortBy(table, i, th); });
      tr.appendChild(th);
    });
    var body = table.createTBody();
    rows.forEach(function (row) {
      var r = body.insertRow();
      vars.forEach(function (v) { r.appendChild(cell(row[v])); });
    });
  }

  function sortBy(table, column, th) {
    var asc = !th.classList.contains("asc");
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (c) { c.classList.remove("asc", "desc"); });
    th.classList.add(asc ? "asc" : "desc");
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = (a.cells[column].dataset.sort || ""), y = (b.cells[column].dataset.sort || "");
      var nx = parseFloat(x), ny = parseFloat(y);
      var c = (!isNaN(nx) && !isNaN(ny) && String(nx) === x.trim() && String(ny) === y.trim()) ? nx - ny : x.localeCompare(y);
      return asc ? c : -c;
    });
    rows.forEach(function (r) { body.appendChild(r); });
  }

  // Points: any WKT literal in a row; otherwise incidents (IRIs under the base's incident/) are
  // located by one more query (their place, or the nearest place above it with coordinates).
  function plot(vars, rows, markers, map) {
    var found = 0, incidents = {};
    rows.forEach(function (row) {
      var label = vars.map(function (v) { return row[v] && row[v].type === "uri" ? shortIri(row[v].value) : null; }).filter(Boolean)[0] || "";
      var href = vars.map(function (v) { return row[v] && row[v].type === "uri" ? localHref(row[v].value) : null; }).filter(Boolean)[0];
      vars.forEach(function (v) {
        var b = row[v];
        if (!b) return;
        if (b.type === "literal" && (b.datatype === WKT || /^\s*POINT\s*\(/i.test(b.value))) {
          var p = point(b.value);
          if (p) { marker(markers, p, label, href); found++; }
        } else if (b.type === "uri" && config.base && b.value.indexOf(config.base + "incident/") === 0) {
          incidents[b.value] = true;
        }
      });
    });
    var list = Object.keys(incidents);
    if (found > 0 || list.length === 0) { fit(markers, map); return; }
    var q = "SELECT ?i ?label ?wkt WHERE { VALUES ?i { " + list.slice(0, 2000).map(function (i) { return "<" + i + ">"; }).join(" ") +
      " } ?i ckg:place ?place . OPTIONAL { ?i rdfs:label ?label } ?place ckg:within* ?located . ?located geo:hasGeometry/geo:asWKT ?wkt ." +
      " FILTER NOT EXISTS { ?place ckg:within* ?closer . ?closer ckg:within+ ?located ; geo:hasGeometry ?g } }";
    fetch("/sparql", { method: "POST", headers: { "Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json" }, body: q })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (json) {
        if (!json) return;
        json.results.bindings.forEach(function (b) {
          var p = point(b.wkt.value);
          if (p) marker(markers, p, b.label ? b.label.value : shortIri(b.i.value), localHref(b.i.value));
        });
        fit(markers, map);
      });
  }

  function fit(markers, map) {
    var n = markers.getLayers().length;
    document.getElementById("map").dataset.markers = String(n);
    if (n > 0) map.fitBounds(markers.getBounds().pad(0.3), { maxZoom: 7 });
  }

  // An incident's page: its place's points on a map.
  function resource() {
    var el = document.getElementById("map");
    if (!el) return;
    var map = baseMap(el), markers = L.featureGroup().addTo(map);
    (el.dataset.wkt || "").split("|").forEach(function (w) {
      var p = point(w);
      if (p) marker(markers, p, document.title, null);
    });
    fit(markers, map);
  }

  return { page: page, resource: resource };
})();
