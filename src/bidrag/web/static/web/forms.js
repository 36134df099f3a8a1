// bidrag: after a form is sent back with errors, move focus to its error summary so that a
// screen reader reads the errors and a keyboard user starts from the list of links to fields.
document.addEventListener("DOMContentLoaded", function () {
  var summary = document.querySelector(".error-summary");
  if (summary) {
    summary.focus();
  }
});
