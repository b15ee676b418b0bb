(function () {
  'use strict';
  function show(id) {
    var el = document.getElementById(id);
    if (!el) { return null; }
    var panel = el.closest('details');
    while (panel) { panel.open = true; panel = panel.parentElement && panel.parentElement.closest('details'); }
    document.querySelectorAll('.target').forEach(function (t) { t.classList.remove('target'); });
    el.classList.add('target');
    el.scrollIntoView({block: 'center'});
    return el;
  }
  function select(row) {
    document.querySelectorAll('tr.finding.selected').forEach(function (r) { r.classList.remove('selected'); });
    row.classList.add('selected');
    var detail = document.getElementById(row.id + '-detail');
    if (detail) { detail.classList.toggle('open'); }
    if (row.dataset.panel) {
      var asm = document.getElementById(row.dataset.panel + '-A' + row.dataset.line);
      var machine = asm && asm.querySelector('details.machine');
      if (machine) { machine.open = true; }
      show(row.dataset.panel + '-L' + row.dataset.line);
    }
  }
  document.querySelectorAll('tr.finding').forEach(function (row) {
    row.addEventListener('click', function (e) {
      if (e.target.closest('a')) { return; }
      select(row);
    });
    row.addEventListener('keydown', function (e) { if (e.key === 'Enter') { select(row); } });
  });
  document.addEventListener('click', function (e) {
    var a = e.target.closest('a[href^="#"]');
    if (!a) { return; }
    var id = a.getAttribute('href').slice(1);
    if (show(id)) {
      e.preventDefault();
      history.replaceState(null, '', '#' + id);
      var fr = document.getElementById(id);
      if (fr && fr.classList.contains('finding')) { var d = document.getElementById(id + '-detail'); if (d) { d.classList.add('open'); } }
    }
  });
  // flame graphs: a click zooms to a box's call path; the top row resets
  function label(name, w) {
    var chars = Math.floor((w - 6) / 6.5);
    if (chars < 3) { return ''; }
    return name.length <= chars ? name : name.slice(0, chars - 1) + '\u2026';
  }
  document.querySelectorAll('svg.flame').forEach(function (svg) {
    var boxes = Array.prototype.slice.call(svg.querySelectorAll('g.fr'));
    function zoom(target) {
      var x0 = parseFloat(target.dataset.x), w0 = parseFloat(target.dataset.w), d0 = parseInt(target.dataset.d, 10);
      var scale = 1200 / w0;
      boxes.forEach(function (g) {
        var x = parseFloat(g.dataset.x), w = parseFloat(g.dataset.w), d = parseInt(g.dataset.d, 10);
        var inside = x >= x0 - 1e-6 && x + w <= x0 + w0 + 1e-6;
        var above = d < d0 && x <= x0 + 1e-6 && x + w >= x0 + w0 - 1e-6;
        var nx, nw;
        if (above) { nx = 0; nw = 1200; } else if (inside && d >= d0) { nx = (x - x0) * scale; nw = w * scale; }
        g.classList.toggle('dim', !(above || (inside && d >= d0)));
        if (nw === undefined) { return; }
        g.querySelector('rect').setAttribute('x', nx.toFixed(2));
        g.querySelector('rect').setAttribute('width', nw.toFixed(2));
        var t = g.querySelector('text');
        t.setAttribute('x', (nx + 3).toFixed(2));
        t.textContent = label(g.dataset.n, nw);
      });
    }
    boxes.forEach(function (g) { g.addEventListener('click', function () { zoom(g); }); });
  });
  if (location.hash) { show(location.hash.slice(1)); }
}());
