// The waiting-room display (/xep-hang/{desk}/man-hinh; issue #9): polls
// GET /api/v1/queue/desks/{desk}/display with If-None-Match (304 while nothing changed), shows
// the latest number called at each counter and speaks each new call in Vietnamese with the
// browser's speech synthesis where it exists (silently skipped where not).
(function () {
  'use strict';
  var root = document.querySelector('.queue-display');
  if (!root) { return; }
  var desk = root.getAttribute('data-desk');
  var url = '/api/v1/queue/desks/' + encodeURIComponent(desk) + '/display';
  var etag = null;
  var seen = null;  // keys of the calls already announced
  var POLL_MS = 1500;

  function key(call) { return call.counter + '|' + call.number + '|' + call.called_at + '|' + call.recalls; }

  function counterName(call) {
    var label = call.counter_label || '';
    return /^qu[aầ]y\b/i.test(label) ? label.charAt(0).toLowerCase() + label.slice(1) : 'quầy ' + call.counter;
  }

  function speak(sentence) {
    if (!('speechSynthesis' in window) || typeof window.SpeechSynthesisUtterance !== 'function') { return; }
    try {
      var utterance = new window.SpeechSynthesisUtterance(sentence);
      utterance.lang = 'vi-VN';
      var voices = window.speechSynthesis.getVoices ? window.speechSynthesis.getVoices() : [];
      for (var i = 0; i < voices.length; i++) {
        if (voices[i].lang && voices[i].lang.toLowerCase().indexOf('vi') === 0) { utterance.voice = voices[i]; break; }
      }
      utterance.rate = 0.9;
      window.speechSynthesis.speak(utterance);
    } catch (e) { /* no speech: the board still shows the call */ }
  }

  function render(state) {
    root.setAttribute('data-version', String(state.version));
    document.getElementById('queue-waiting').textContent = String(state.waiting);
    var board = document.getElementById('queue-board');
    state.counters.forEach(function (call) {
      var row = board.querySelector('tr[data-counter="' + CSS.escape(call.counter) + '"]');
      if (!row) {
        row = document.createElement('tr');
        row.setAttribute('data-counter', call.counter);
        var th = document.createElement('th');
        th.scope = 'row';
        th.textContent = call.counter_label || call.counter;
        var td = document.createElement('td');
        td.className = 'queue-board-number';
        row.appendChild(th);
        row.appendChild(td);
        board.appendChild(row);
      }
      row.querySelector('.queue-board-number').textContent = call.number || '—';
    });
    var recent = document.getElementById('queue-recent');
    recent.textContent = '';
    state.recent.forEach(function (call) {
      var li = document.createElement('li');
      li.textContent = call.number + ' → ' + (call.counter_label || call.counter);
      recent.appendChild(li);
    });
    var fresh = [];
    var keys = {};
    state.recent.forEach(function (call) {
      keys[key(call)] = true;
      if (seen !== null && !seen[key(call)]) { fresh.push(call); }
    });
    seen = keys;
    fresh.reverse().forEach(function (call) {
      var sentence = 'Mời số ' + call.number + ' đến ' + counterName(call);
      document.getElementById('queue-announce').textContent = sentence;
      board.querySelectorAll('tr.queue-new').forEach(function (r) { r.classList.remove('queue-new'); });
      var row = board.querySelector('tr[data-counter="' + CSS.escape(call.counter) + '"]');
      if (row) { row.classList.add('queue-new'); }
      speak(sentence);
    });
  }

  function poll() {
    var headers = {};
    if (etag) { headers['if-none-match'] = etag; }
    fetch(url, { headers: headers, cache: 'no-store', credentials: 'same-origin' })
      .then(function (response) {
        document.getElementById('queue-offline').hidden = true;
        if (response.status === 304) { return null; }
        if (!response.ok) { throw new Error(String(response.status)); }
        etag = response.headers.get('ETag');
        return response.json();
      })
      .then(function (state) { if (state) { render(state); } })
      .catch(function () { document.getElementById('queue-offline').hidden = false; })
      .finally(function () { setTimeout(poll, POLL_MS); });
  }
  poll();
})();
