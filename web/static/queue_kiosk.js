// The ticket kiosk (/xep-hang/{desk}; issue #9): a touch on a service group's button takes a
// ticket through POST /api/v1/queue/desks/{desk}/tickets and shows (and can print) its number.
(function () {
  'use strict';
  var root = document.querySelector('.queue-kiosk');
  if (!root) { return; }
  var desk = root.getAttribute('data-desk');
  var box = document.getElementById('queue-ticket');
  var error = document.getElementById('queue-error');
  var hideTimer = null;

  function text(id, value) { document.getElementById(id).textContent = value; }

  function minutes(seconds) {
    var m = Math.max(1, Math.round(seconds / 60));
    return m + ' phút';
  }

  function show(ticket) {
    text('queue-ticket-number', ticket.number);
    text('queue-ticket-group', ticket.group_label);
    text('queue-ticket-ahead', ticket.ahead === 0
      ? 'Không có ai đứng trước ông/bà.'
      : 'Số người đang chờ trước ông/bà: ' + ticket.ahead);
    text('queue-ticket-wait', ticket.estimated_wait_seconds === null
      ? ''
      : 'Thời gian chờ trung bình hôm nay: khoảng ' + minutes(ticket.estimated_wait_seconds));
    var issued = new Date(ticket.issued_at);
    text('queue-ticket-time', 'Lấy lúc ' + issued.toLocaleTimeString('vi-VN') + ' ngày ' +
      issued.toLocaleDateString('vi-VN'));
    box.hidden = false;
    error.hidden = true;
    if (hideTimer) { clearTimeout(hideTimer); }
    hideTimer = setTimeout(function () { box.hidden = true; }, 60000);
  }

  function fail(message) {
    error.textContent = message;
    error.hidden = false;
  }

  function take(button) {
    var buttons = root.querySelectorAll('.queue-kiosk-button');
    buttons.forEach(function (b) { b.disabled = true; });
    fetch('/api/v1/queue/desks/' + encodeURIComponent(desk) + '/tickets', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ group: button.getAttribute('data-group') }),
      credentials: 'same-origin'
    }).then(function (response) {
      return response.json().then(function (body) {
        if (response.ok) { show(body); } else { fail(body.detail || body.title || 'Không lấy được số, vui lòng thử lại.'); }
      });
    }).catch(function () {
      fail('Mất kết nối, vui lòng thử lại.');
    }).finally(function () {
      buttons.forEach(function (b) { b.disabled = false; });
    });
  }

  root.querySelectorAll('.queue-kiosk-button').forEach(function (button) {
    button.addEventListener('click', function () { take(button); });
  });
  var print = document.getElementById('queue-print');
  if (print) { print.addEventListener('click', function () { window.print(); }); }
})();
