// Letter generation with visible progress: progressive enhancement only, the form works without it.
// Instead of one long request, the page's Batch handler is posted (with the form's antiforgery token)
// until no decision is left without a letter; each answer says how many have a letter, and the
// progress element and status line show exactly that. On an error the message is shown and it stops.
(function () {
  'use strict';
  var form = document.querySelector('form[data-letters-batch]');
  var status = document.getElementById('letters-status');
  var progress = document.getElementById('letters-progress');
  if (!form || !status || !progress || !window.fetch) { return; }
  var button = form.querySelector('button[type="submit"]');

  function batch() {
    fetch(form.getAttribute('data-letters-batch'), {
      method: 'POST', body: new FormData(form), credentials: 'same-origin', headers: { 'Accept': 'application/json' }
    })
      .then(function (r) { return r.json().then(function (json) { return { ok: r.ok, json: json }; }); })
      .then(function (answer) {
        if (!answer.ok) { throw new Error(answer.json.error || 'Brevene kunne ikke lages.'); }
        var j = answer.json;
        progress.max = j.decisions;
        progress.value = j.withLetter;
        progress.textContent = j.withLetter + ' av ' + j.decisions;
        status.textContent = j.withLetter + ' av ' + j.decisions + ' vedtak har brev.';
        if (j.remaining > 0 && j.made > 0) { batch(); } else { window.location.reload(); }
      })
      .catch(function (e) {
        status.textContent = e.message + ' Last inn siden på nytt for å se hva som er laget.';
        if (button) { button.disabled = false; }
      });
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    if (button) { button.disabled = true; }
    status.textContent = 'Lager brev …';
    batch();
  });
})();
