"use strict";
// The review page's "Select every pending proposal" box (a file, not inline: the admin's CSP forbids
// inline scripts). Without JavaScript the boxes are ticked one by one.
document.addEventListener("DOMContentLoaded", function () {
  const all = document.getElementById("select-all-pending");
  if (!all) {
    return;
  }
  const boxes = document.querySelectorAll("#proposals input.proposal-select");
  all.addEventListener("change", function () {
    boxes.forEach(function (box) { box.checked = all.checked; });
  });
});
