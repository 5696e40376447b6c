// Autosave for the application's part pages and the report page: progressive enhancement only, the forms work without it.
// A few seconds after the last change the whole form is posted (with its antiforgery token) to the
// page's Autosave handler, which answers {saved, version, savedAt, message, summary}. The hidden
// version is updated, so the explicit save that may follow is not mistaken for a conflict.
(function () {
  'use strict';
  var form = document.querySelector('form[data-autosave]');
  var status = document.getElementById('autosave-status');
  if (!form || !status || !window.fetch) { return; }
  var delayMs = 3000;
  var timer = null;
  var busy = false;
  var pending = false;
  var stopped = false;

  function url() {
    var u = new URL(form.getAttribute('action') || window.location.href, window.location.href);
    u.search = '?handler=Autosave';
    u.hash = '';
    return u.toString();
  }

  function save() {
    timer = null;
    if (stopped) { return; }
    if (busy) { pending = true; return; }
    busy = true;
    var data = new FormData(form);
    data.delete('next');
    fetch(url(), { method: 'POST', body: data, credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
      .then(function (r) { if (!r.ok) { throw new Error(String(r.status)); } return r.json(); })
      .then(function (json) {
        if (json.conflict) {
          // Someone else saved: stop here and keep the old version, so the explicit save shows the conflict and keeps the text.
          stopped = true;
        } else {
          var version = form.querySelector('input[data-autosave-version]') || form.querySelector('input[name="Version"]');
          if (version && json.version !== undefined) { version.value = json.version; }
        }
        status.textContent = json.message || '';
        if (!json.saved) { status.classList.add('ktu-autosave-problem'); } else { status.classList.remove('ktu-autosave-problem'); }
        if (json.summary) {
          Object.keys(json.summary).forEach(function (key) {
            var el = document.querySelector('[data-sum="' + key + '"]');
            if (el) { el.textContent = json.summary[key]; }
          });
        }
      })
      .catch(function () {
        status.textContent = status.getAttribute('data-failed') || '';
        status.classList.add('ktu-autosave-problem');
      })
      .then(function () {
        busy = false;
        if (pending) { pending = false; schedule(); }
      });
  }

  function schedule() {
    if (timer) { window.clearTimeout(timer); }
    timer = window.setTimeout(save, delayMs);
  }

  form.addEventListener('input', schedule);
  form.addEventListener('change', schedule);
  // An explicit save or a row button takes over: no autosave may race it with an older version.
  form.addEventListener('submit', function () {
    stopped = true;
    if (timer) { window.clearTimeout(timer); }
  });
})();
