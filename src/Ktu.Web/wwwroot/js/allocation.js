// Live sums on the allocation page: while the officer types amounts, the total, the remaining pot,
// the general money left and each earmark's use are recomputed. The server checks everything again.
(function () {
  'use strict';
  var figures = document.getElementById('ktu-allocation-figures');
  if (!figures) { return; }
  var pot = Number(figures.dataset.pot);
  var general = Number(figures.dataset.general);
  var nok = new Intl.NumberFormat('nb-NO', { maximumFractionDigits: 0 });
  function kr(n) { return 'kr ' + nok.format(n).replace(/\u00a0/g, ' '); }

  function amountOf(row) {
    var input = row.querySelector('input[data-amount]');
    if (!input) { return Number(row.dataset.final) || 0; }
    var n = Number(String(input.value).replace(/[\s\u00a0]/g, ''));
    return Number.isFinite(n) && n >= 0 ? n : 0;
  }

  function update() {
    var total = 0;
    var byTheme = {};
    document.querySelectorAll('tr[data-line]').forEach(function (row) {
      var a = amountOf(row);
      total += a;
      var theme = row.dataset.theme;
      if (theme) { byTheme[theme] = (byTheme[theme] || 0) + a; }
    });
    var earmarkUsed = 0;
    document.querySelectorAll('tr[data-earmark]').forEach(function (row) {
      var amount = Number(row.dataset.amount);
      var used = Math.min(amount, byTheme[row.dataset.earmark] || 0);
      earmarkUsed += used;
      row.querySelector('[data-live="used"]').textContent = kr(used);
      row.querySelector('[data-live="left"]').textContent = kr(amount - used);
    });
    figures.querySelector('[data-live="total"]').textContent = kr(total);
    figures.querySelector('[data-live="remaining"]').textContent = kr(pot - total);
    figures.querySelector('[data-live="general-left"]').textContent = kr(general - (total - earmarkUsed));
  }

  document.querySelectorAll('input[data-amount]').forEach(function (input) {
    input.addEventListener('input', update);
  });
})();
