// motcua — file uploads (issue #5, docs/citizen.md "Documents"). For every
// <div class="upload" data-upload-url="…"> holding an <input type="file">: checks the size
// (10 MiB), posts the raw file to data-upload-url + "&name=<file name>" with its Content-Type
// and the session's CSRF token, shows progress and the server's problem+json message in the
// container's live region, and reloads the page (or goes to data-reload) on success.
// With a [data-upload-submit] button the upload starts on its click, else when a file is chosen.
// Inputs marked data-upload-param="<name>" add "&<name>=<value>" when filled (required ones must
// be). Served as a file: the Content-Security-Policy forbids inline scripts.
(function () {
  "use strict";

  var MAX_BYTES = 10 * 1024 * 1024;

  function ready(fn) {
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", fn);
    } else {
      fn();
    }
  }

  // 1234567 → "1.234.567"; sizes as the pages print them.
  function group(n) {
    return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  }
  function sizeText(bytes) {
    if (bytes < 1024) {
      return group(bytes) + " byte";
    }
    if (bytes < 1024 * 1024) {
      return group(Math.ceil(bytes / 1024)) + " KB";
    }
    var tenths = Math.round((bytes * 10) / (1024 * 1024));
    return group(Math.floor(tenths / 10)) + (tenths % 10 ? "," + (tenths % 10) : "") + " MB";
  }

  function csrfToken(container) {
    if (container.dataset.csrf) {
      return container.dataset.csrf;
    }
    var meta = document.querySelector("meta[name='csrf-token']");
    if (meta && meta.content) {
      return meta.content;
    }
    var field = document.querySelector("input[name='_csrf']");
    return field ? field.value : "";
  }

  function statusOf(container) {
    var region = container.querySelector(".upload-status");
    if (!region) {
      region = document.createElement("p");
      region.className = "hint upload-status";
      region.setAttribute("role", "status");
      region.setAttribute("aria-live", "polite");
      container.appendChild(region);
    }
    return region;
  }

  function say(container, text, isError) {
    var region = statusOf(container);
    region.textContent = text;
    region.classList.toggle("field-error", !!isError);
  }

  function fallbackMessage(status) {
    switch (status) {
      case 400:
        return "Tệp hoặc thông tin gửi lên không hợp lệ.";
      case 401:
        return "Phiên đăng nhập đã hết hạn. Hãy đăng nhập lại rồi tải lên.";
      case 403:
        return "Bạn không có quyền tải tệp lên hồ sơ này, hoặc trang đã hết hạn (hãy tải lại trang).";
      case 404:
        return "Không tìm thấy hồ sơ.";
      case 409:
        return "Hồ sơ không còn nhận tệp ở tình trạng hiện tại.";
      case 413:
        return "Tệp lớn hơn 10 MB, không thể tải lên.";
      case 415:
        return "Kiểu tệp không được chấp nhận. Chỉ nhận PDF, PNG, JPEG, DOCX, XLSX hoặc XML.";
      default:
        return "Không tải lên được tệp (mã lỗi " + status + "). Hãy thử lại sau.";
    }
  }

  // The problem+json detail (or title) of a refused upload, else a message for the status.
  function problemText(response) {
    var type = response.headers.get("Content-Type") || "";
    if (type.indexOf("json") === -1) {
      return Promise.resolve(fallbackMessage(response.status));
    }
    return response.json().then(
      function (problem) {
        return (problem && (problem.detail || problem.title)) || fallbackMessage(response.status);
      },
      function () {
        return fallbackMessage(response.status);
      }
    );
  }

  function setBusy(container, busy) {
    container.setAttribute("aria-busy", busy ? "true" : "false");
    var controls = container.querySelectorAll("input, button");
    for (var i = 0; i < controls.length; i++) {
      controls[i].disabled = busy;
    }
  }

  function upload(container) {
    if (container.getAttribute("aria-busy") === "true") {
      return;
    }
    var input = container.querySelector("input[type='file']");
    var file = input && input.files && input.files[0];
    if (!file) {
      say(container, "Hãy chọn tệp cần tải lên.", true);
      if (input) {
        input.focus();
      }
      return;
    }
    if (file.size > MAX_BYTES) {
      say(
        container,
        "Tệp “" + file.name + "” có dung lượng " + sizeText(file.size) +
          ", lớn hơn mức tối đa 10 MB. Hãy chọn tệp nhỏ hơn (ví dụ quét ở độ phân giải thấp hơn).",
        true
      );
      input.focus();
      return;
    }
    if (file.size === 0) {
      say(container, "Tệp “" + file.name + "” rỗng. Hãy chọn tệp khác.", true);
      input.focus();
      return;
    }
    var url = container.dataset.uploadUrl;
    var params = container.querySelectorAll("[data-upload-param]");
    for (var i = 0; i < params.length; i++) {
      var field = params[i];
      var value = (field.value || "").trim();
      if (!value) {
        if (field.required) {
          say(container, field.dataset.uploadMissing || "Hãy điền đủ thông tin bắt buộc.", true);
          field.focus();
          return;
        }
        continue;
      }
      url += (url.indexOf("?") === -1 ? "?" : "&") + encodeURIComponent(field.dataset.uploadParam) +
        "=" + encodeURIComponent(value);
    }
    url += (url.indexOf("?") === -1 ? "?" : "&") + "name=" + encodeURIComponent(file.name);

    setBusy(container, true);
    say(container, "Đang tải lên “" + file.name + "” (" + sizeText(file.size) + ")…", false);
    fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: {
        "Content-Type": file.type || "application/octet-stream",
        "X-CSRF-Token": csrfToken(container),
        Accept: "application/json"
      },
      body: file
    })
      .then(function (response) {
        if (response.ok) {
          say(container, "Đã tải lên “" + file.name + "”. Đang cập nhật trang…", false);
          var target = container.dataset.reload;
          if (target && target.charAt(0) === "/" && target.charAt(1) !== "/") {
            window.location.assign(target);
          } else {
            window.location.reload();
          }
          return null;
        }
        return problemText(response).then(function (message) {
          setBusy(container, false);
          say(container, "Không tải lên được “" + file.name + "”: " + message, true);
        });
      })
      .catch(function () {
        setBusy(container, false);
        say(container, "Mất kết nối tới máy chủ; tệp chưa được tải lên. Hãy thử lại.", true);
      });
  }

  ready(function () {
    var containers = document.querySelectorAll(".upload[data-upload-url]");
    Array.prototype.forEach.call(containers, function (container) {
      var input = container.querySelector("input[type='file']");
      if (!input) {
        return;
      }
      statusOf(container);
      var button = container.querySelector("[data-upload-submit]");
      if (button) {
        button.addEventListener("click", function () {
          upload(container);
        });
      } else {
        input.addEventListener("change", function () {
          upload(container);
        });
      }
    });
  });
})();
