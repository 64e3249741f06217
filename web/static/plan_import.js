// motcua — the plan import form (/ke-hoach, issue #7). The form posts urlencoded fields, so a
// chosen file is read here: a Word file (it starts with the zip magic "PK\x03\x04") goes base64
// into the hidden field "docx"; a text file (TSV, "|" lines, markdown) into the text area.
// Served as a file: the Content-Security-Policy forbids inline scripts.
(function () {
  "use strict";

  var MAX_BYTES = 5 * 1024 * 1024;

  function setup(group) {
    var input = group.querySelector('input[type="file"]');
    var docx = group.querySelector("[data-plan-docx]");
    var fileName = group.querySelector("[data-plan-file-name]");
    var status = group.querySelector(".plan-file-status");
    var form = group.closest("form");
    var text = form.querySelector("textarea[name=text]");
    input.addEventListener("change", function () {
      var file = input.files && input.files[0];
      docx.value = "";
      fileName.value = "";
      if (!file) {
        return;
      }
      if (file.size > MAX_BYTES) {
        status.textContent = "Tệp lớn hơn 5 MB: không nhập được.";
        input.value = "";
        return;
      }
      var reader = new FileReader();
      reader.onload = function () {
        var bytes = new Uint8Array(reader.result);
        var isZip = bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b &&
          bytes[2] === 0x03 && bytes[3] === 0x04;
        fileName.value = file.name;
        if (isZip) {
          var binary = "";
          for (var i = 0; i < bytes.length; i += 0x8000) {
            binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
          }
          docx.value = window.btoa(binary);
          text.value = "";
          status.textContent = "Đã đọc tệp Word " + file.name + ".";
        } else {
          text.value = new TextDecoder("utf-8").decode(bytes);
          status.textContent = "Đã đọc tệp " + file.name + ".";
        }
      };
      reader.onerror = function () {
        status.textContent = "Không đọc được tệp " + file.name + ".";
      };
      reader.readAsArrayBuffer(file);
    });
  }

  function ready() {
    document.querySelectorAll("[data-plan-upload]").forEach(setup);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
})();
