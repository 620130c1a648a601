// One line chart per rule over the commits (drawn by plotly.js).
"use strict";
(function () {
  // x is the commit's place on the branch: commits made in the same minute (a rebase) stay apart.
  const x = HISTORY.points.map(function (point, index) { return index + 1; });
  const labels = HISTORY.points.map(function (point) {
    return point.sha.slice(0, 10) + " " + point.date.slice(0, 10) + " " + point.subject;
  });
  HISTORY.codes.forEach(function (code) {
    const y = HISTORY.points.map(function (point) { return point.totals[code] || 0; });
    Plotly.newPlot("chart-" + code, [{
      type: "scatter", mode: "lines+markers", x: x, y: y, text: labels, line: { shape: "hv" },
      hovertemplate: "%{text}<br>%{y} violations<extra></extra>",
    }], {
      title: { text: code, x: 0.02 }, margin: { t: 40, l: 40, r: 10, b: 40 }, height: 260,
      xaxis: { title: { text: "commit (oldest to newest)" } }, yaxis: { rangemode: "tozero" },
    }, { displayModeBar: false, responsive: true });
  });
})();
