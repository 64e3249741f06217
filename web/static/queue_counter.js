// The counter page (/xep-hang/{desk}/quay; issue #9): call next, recall, start, finish (with the
// received dossier's code), skip, transfer and requeue through /api/v1/queue, with the session's
// CSRF token. The chosen counter is remembered in this browser.
(function () {
  'use strict';
  var root = document.querySelector('.queue-counter');
  if (!root) { return; }
  var desk = root.getAttribute('data-desk');
  var csrf = root.getAttribute('data-csrf');
  var select = document.getElementById('queue-counter-select');
  if (!select) { return; }
  var base = '/api/v1/queue/desks/' + encodeURIComponent(desk);
  var current = null;
  var STATES = { waiting: 'Đang chờ', called: 'Đã gọi', serving: 'Đang phục vụ', served: 'Đã xong', skipped: 'Vắng mặt' };
  var storageKey = 'motcua-queue-counter-' + desk;
  try {
    var remembered = window.localStorage.getItem(storageKey);
    if (remembered) { select.value = remembered; }
  } catch (e) { /* private mode */ }

  function message(text) { document.getElementById('queue-message').textContent = text; }
  function el(id) { return document.getElementById(id); }

  function post(path, body) {
    return fetch(base + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin'
    }).then(function (response) {
      return response.json().then(function (data) {
        if (!response.ok) { throw new Error(data.detail || data.title || ('Lỗi ' + response.status)); }
        return data;
      });
    });
  }

  function showCurrent() {
    el('queue-current-number').textContent = current ? current.number : '—';
    el('queue-current-state').textContent = current ? STATES[current.state] || current.state : '';
    var state = current ? current.state : '';
    el('queue-recall').disabled = state !== 'called';
    el('queue-start').disabled = state !== 'called';
    el('queue-skip').disabled = state !== 'called';
    el('queue-finish').disabled = state !== 'serving';
    el('queue-transfer').disabled = state !== 'called' && state !== 'serving';
  }

  function renderList(items) {
    var body = el('queue-list');
    body.textContent = '';
    var mine = null;
    items.forEach(function (t) {
      if (t.counter === select.value && (t.state === 'called' || t.state === 'serving')) {
        if (!mine || t.called_at > mine.called_at) { mine = t; }
      }
      var tr = document.createElement('tr');
      [t.number, t.group, STATES[t.state] || t.state, t.counter].forEach(function (v) {
        var td = document.createElement('td');
        td.textContent = v;
        tr.appendChild(td);
      });
      var cell = document.createElement('td');
      if (t.state === 'skipped') {
        var again = document.createElement('button');
        again.type = 'button';
        again.className = 'link-button';
        again.textContent = 'Xếp lại';
        again.addEventListener('click', function () { act(t, { action: 'requeue' }); });
        cell.appendChild(again);
      }
      tr.appendChild(cell);
      body.appendChild(tr);
    });
    current = mine;
    showCurrent();
  }

  function refresh() {
    return fetch(base + '/tickets', { credentials: 'same-origin', cache: 'no-store' })
      .then(function (r) { return r.ok ? r.json() : Promise.reject(new Error(String(r.status))); })
      .then(function (data) { renderList(data.items); })
      .catch(function () { message('Không tải được danh sách số.'); });
  }

  function act(ticket, body) {
    body.counter = select.value;
    body.version = ticket.version;
    return post('/tickets/' + ticket.id + '/actions', body)
      .then(function (t) { message('Số ' + t.number + ': ' + (STATES[t.state] || t.state) + '.'); })
      .catch(function (e) { message(e.message); })
      .then(refresh);
  }

  select.addEventListener('change', function () {
    try { window.localStorage.setItem(storageKey, select.value); } catch (e) { /* ignore */ }
    refresh();
  });
  el('queue-call').addEventListener('click', function () {
    post('/counters/' + encodeURIComponent(select.value) + '/call')
      .then(function (data) {
        message(data.ticket ? 'Mời số ' + data.ticket.number + '.' : 'Không còn ai đang chờ.');
      })
      .catch(function (e) { message(e.message); })
      .then(refresh);
  });
  el('queue-recall').addEventListener('click', function () { if (current) { act(current, { action: 'recall' }); } });
  el('queue-start').addEventListener('click', function () { if (current) { act(current, { action: 'start' }); } });
  el('queue-skip').addEventListener('click', function () { if (current) { act(current, { action: 'skip' }); } });
  el('queue-finish').addEventListener('click', function () {
    if (!current) { return; }
    var body = { action: 'finish' };
    var code = el('queue-dossier').value.trim();
    if (code) { body.dossier_code = code; }
    act(current, body).then(function () { el('queue-dossier').value = ''; });
  });
  el('queue-transfer').addEventListener('click', function () {
    if (current) { act(current, { action: 'transfer', group: el('queue-transfer-group').value }); }
  });
  refresh();
  setInterval(refresh, 5000);
})();
