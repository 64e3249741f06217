// motcua — evidence files on the progress form of a plan (/ke-hoach/{id}, issue #7). The form
// posts urlencoded fields, so the chosen files are read here and each goes base64 into the
// repeated hidden fields evidence_data, evidence_name and evidence_type; the server checks the
// size and sniffs the content, as for document uploads. Served as a file: the
// Content-Security-Policy forbids inline scripts.
(function () {
  "use strict";

  var MAX_FILES = 5;

  function hidden(form, name, value) {
    var input = document.createElement("input");
    input.type = "hidden";
    input.name = name;
    input.value = value;
    input.setAttribute("data-evidence-field", "");
    form.appendChild(input);
  }

  function toBase64(buffer) {
    var bytes = new Uint8Array(buffer);
    var binary = "";
    for (var i = 0; i < bytes.length; i += 0x8000) {
      binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
    }
    return window.btoa(binary);
  }

  function read(file) {
    return new Promise(function (resolve, reject) {
      var reader = new FileReader();
      reader.onload = function () { resolve(reader.result); };
      reader.onerror = function () { reject(new Error(file.name)); };
      reader.readAsArrayBuffer(file);
    });
  }

  function setup(group) {
    var input = group.querySelector('input[type="file"]');
    var status = group.querySelector(".plan-file-status");
    var form = group.closest("form");
    var sending = false;
    form.addEventListener("submit", function (event) {
      var files = input.files ? Array.prototype.slice.call(input.files) : [];
      if (sending || files.length === 0) {
        return;
      }
      event.preventDefault();
      if (files.length > MAX_FILES) {
        status.textContent = "Chọn tối đa " + MAX_FILES + " tệp.";
        return;
      }
      sending = true;
      form.querySelectorAll("[data-evidence-field]").forEach(function (f) { f.remove(); });
      status.textContent = "Đang đọc tệp…";
      Promise.all(files.map(read)).then(function (buffers) {
        buffers.forEach(function (buffer, i) {
          hidden(form, "evidence_data", toBase64(buffer));
          hidden(form, "evidence_name", files[i].name);
          hidden(form, "evidence_type", files[i].type || "application/octet-stream");
        });
        status.textContent = "Đang gửi " + files.length + " tệp…";
        form.submit();
      }, function (error) {
        sending = false;
        status.textContent = "Không đọc được tệp " + error.message + ".";
      });
    });
  }

  function ready() {
    document.querySelectorAll("[data-plan-evidence]").forEach(setup);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
})();
