// The table of files: sort by a column header, filter by path; the treemap (drawn by plotly.js).
"use strict";
(function () {
  const table = document.getElementById("files");
  const body = table.tBodies[0];
  const headers = Array.from(table.tHead.rows[0].cells);
  headers.forEach(function (th, column) {
    th.addEventListener("click", function () {
      const ascending = !th.classList.contains("asc");
      headers.forEach(function (other) { other.classList.remove("asc", "desc"); });
      th.classList.add(ascending ? "asc" : "desc");
      const numeric = th.dataset.type === "num";
      const key = function (row) {
        const text = row.cells[column].dataset.sort;
        return numeric ? parseFloat(text) : text;
      };
      const rows = Array.from(body.rows);
      rows.sort(function (a, b) {
        const x = key(a), y = key(b);
        const order = x < y ? -1 : x > y ? 1 : 0;
        return ascending ? order : -order;
      });
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
  const filter = document.getElementById("filter");
  const overOnly = document.getElementById("over-only");
  function applyFilter() {
    const needle = filter.value.toLowerCase();
    Array.from(body.rows).forEach(function (row) {
      const path = row.cells[0].dataset.sort.toLowerCase();
      const shown = path.includes(needle) && (!overOnly.checked || row.dataset.over === "1");
      row.hidden = !shown;
    });
  }
  filter.addEventListener("input", applyFilter);
  overOnly.addEventListener("change", applyFilter);

  const trace = {
    type: "treemap", ids: TREEMAP.ids, labels: TREEMAP.labels, parents: TREEMAP.parents,
    values: TREEMAP.values, customdata: TREEMAP.links, branchvalues: "remainder", maxdepth: 3,
    marker: { colors: TREEMAP.colors, cmin: 0, cmax: 2, colorscale: [[0, "#2da44e"], [0.5, "#f2cc60"], [1, "#cf222e"]],
              showscale: true, colorbar: { title: { text: "worst ratio" } } },
    hovertemplate: "%{id}<br>%{value} lines<br>worst ratio %{color:.2f}<extra></extra>",
  };
  const chart = document.getElementById("treemap");
  Plotly.newPlot(chart, [trace], { margin: { t: 10, l: 10, r: 10, b: 10 } }, { displaylogo: false, responsive: true });
  chart.on("plotly_click", function (event) {
    const link = event.points[0].customdata;
    if (link) { window.location.href = link; return false; }
    return true;
  });
})();
