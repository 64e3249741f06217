// motcua — small progressive enhancements (docs/web.md). Every page works without this file.
// Served as a file because the Content-Security-Policy forbids inline scripts.
(function () {
  "use strict";

  function ready(fn) {
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", fn);
    } else {
      fn();
    }
  }

  ready(function () {
    // A form re-rendered with errors: move focus to its error summary (role="alert") so that
    // keyboard and screen-reader users land on the list of problems.
    var summary = document.querySelector("[data-autofocus]");
    if (summary) {
      summary.focus();
    }

    // Error summary links: focus the field itself, not just scroll to it.
    document.addEventListener("click", function (event) {
      var link = event.target.closest(".error-summary a[href^='#']");
      if (!link) {
        return;
      }
      var field = document.getElementById(link.getAttribute("href").slice(1));
      if (field) {
        event.preventDefault();
        field.focus();
        field.scrollIntoView({ block: "center" });
      }
    });

    // Print buttons of the notice-board view.
    document.addEventListener("click", function (event) {
      if (event.target.closest("[data-print]")) {
        window.print();
      }
    });
  });
})();
