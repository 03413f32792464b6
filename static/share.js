/* covoit: the copy-link buttons. Without scripts the link stays in a read-only field to
   select and copy by hand; with the Clipboard API a button copies it and says so. */
(function () {
  "use strict";
  if (!navigator.clipboard || !window.isSecureContext) return;
  Array.prototype.forEach.call(document.querySelectorAll("button[data-copy]"), function (button) {
    var field = document.getElementById(button.getAttribute("data-copy"));
    var status = button.parentNode.querySelector("[data-copy-status]");
    if (!field) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(field.value).then(function () {
        if (status) status.textContent = button.getAttribute("data-copied");
      }, function () {
        field.select();
        if (status) status.textContent = button.getAttribute("data-copy-failed");
      });
    });
  });
})();
