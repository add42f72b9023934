// Draws the insights dashboard's charts with the vendored Chart.js (window.Chart). The figures come
// from the page (json_script "insights-charts"); every chart also has a table view and a CSV export
// in the page, so nothing here is the only way to read a figure. Readable without colour: each
// dataset has its own fill pattern (bars) or dash and point shape (lines), and bars carry their
// values as text at their end.
(function () {
  const source = document.getElementById("insights-charts");
  if (!source || !window.Chart) return;
  const specs = JSON.parse(source.textContent);
  const colours = ["#1f5fa8", "#b3471d", "#2e7d32", "#6a3d9a", "#8c6d1f"];
  const dashes = [[], [8, 4], [2, 3], [12, 4, 2, 4], [4, 8]];
  const points = ["circle", "rect", "triangle", "rectRot", "crossRot"];

  function pattern(index, colour) {
    const tile = document.createElement("canvas");
    tile.width = tile.height = 10;
    const g = tile.getContext("2d");
    g.fillStyle = colour;
    g.globalAlpha = 0.35;
    g.fillRect(0, 0, 10, 10);
    g.globalAlpha = 1;
    g.strokeStyle = colour;
    g.fillStyle = colour;
    g.lineWidth = 2;
    g.beginPath();
    switch (index % 5) {
      case 0: break; // plain
      case 1: g.moveTo(0, 10); g.lineTo(10, 0); break; // diagonal
      case 2: g.arc(5, 5, 1.8, 0, 2 * Math.PI); g.fill(); break; // dots
      case 3: g.moveTo(5, 0); g.lineTo(5, 10); break; // vertical
      case 4: g.moveTo(0, 5); g.lineTo(10, 5); g.moveTo(5, 0); g.lineTo(5, 10); break; // cross
    }
    g.stroke();
    return g.createPattern(tile, "repeat");
  }

  // Values written at the end of each bar (and not only as colour or length).
  const directValues = {
    id: "collabDirectValues",
    afterDatasetsDraw(chart, _args, options) {
      if (chart.config.type !== "bar") return;
      const { ctx } = chart;
      ctx.save();
      ctx.font = "12px system-ui, sans-serif";
      ctx.fillStyle = "#1b1b1b";
      const horizontal = chart.options.indexAxis === "y";
      chart.data.datasets.forEach((dataset, i) => {
        const meta = chart.getDatasetMeta(i);
        if (meta.hidden) return;
        meta.data.forEach((bar, j) => {
          const value = dataset.data[j];
          if (value === null || value === undefined || value === 0) return;
          const text = options.percent ? `${value}%` : String(value);
          if (horizontal) {
            ctx.textAlign = "left";
            ctx.textBaseline = "middle";
            ctx.fillText(text, bar.x + 4, bar.y);
          } else {
            ctx.textAlign = "center";
            ctx.textBaseline = "bottom";
            ctx.fillText(text, bar.x, bar.y - 2);
          }
        });
      });
      ctx.restore();
    },
  };

  for (const spec of specs) {
    const canvas = document.querySelector(`[data-testid="chart-${spec.key}"]`);
    if (!canvas) continue;
    const isLine = spec.type === "line";
    const stacked = Boolean(spec.stacked);
    const datasets = spec.datasets.map((dataset, i) => {
      const colour = colours[i % colours.length];
      return isLine
        ? { ...dataset, borderColor: colour, backgroundColor: colour, borderDash: dashes[i % dashes.length],
            pointStyle: points[i % points.length], pointRadius: 4, borderWidth: 2, tension: 0 }
        : { ...dataset, backgroundColor: pattern(i, colour), borderColor: colour, borderWidth: 1.5 };
    });
    const chart = new window.Chart(canvas, {
      type: spec.type,
      data: { labels: spec.labels, datasets },
      plugins: [directValues],
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        indexAxis: spec.horizontal ? "y" : "x",
        layout: { padding: { right: spec.horizontal ? 48 : 8, top: 16 } },
        scales: {
          x: { stacked, beginAtZero: true },
          y: { stacked, beginAtZero: true },
        },
        plugins: {
          legend: { display: datasets.length > 1, labels: { usePointStyle: isLine } },
          collabDirectValues: { percent: Boolean(spec.percent) },
          tooltip: { callbacks: spec.percent ? { label: (c) => `${c.dataset.label}: ${c.formattedValue}%` } : {} },
        },
      },
    });
    canvas.closest("figure").dataset.rendered = "true";
    canvas.chart = chart;
  }
})();
