// Admin: narrow the PLOVER mode list to the modes the chosen PLOVER type allows (the manual's table,
// passed in the mode select's data-plover-modes attribute). Only a convenience: the server validates
// the pair (model clean() and a database constraint) whatever the browser sends.
"use strict";
(function () {
  function narrow(typeSelect, modeSelect, allOptions, modesByType) {
    const allowed = modesByType[typeSelect.value] || [];
    const current = modeSelect.value;
    // The empty choice, then the type's modes in the manual's order.
    const byValue = new Map(allOptions.map((o) => [o.value, o]));
    modeSelect.replaceChildren(...["", ...allowed].map((v) => byValue.get(v)).filter(Boolean));
    modeSelect.value = allowed.includes(current) ? current : "";
    modeSelect.disabled = allowed.length === 0;
    modeSelect.title = allowed.length ? "" : "This PLOVER type takes no mode.";
  }

  function setUp(modeSelect) {
    const form = modeSelect.form;
    const typeSelect = form && form.querySelector('select[name="plover_type"]');
    if (!typeSelect) return;
    const modesByType = JSON.parse(modeSelect.dataset.ploverModes);
    const allOptions = Array.from(modeSelect.options);
    // A disabled select is not submitted; enable it again so an empty mode still posts as "".
    form.addEventListener("submit", () => { modeSelect.disabled = false; });
    typeSelect.addEventListener("change", () => narrow(typeSelect, modeSelect, allOptions, modesByType));
    narrow(typeSelect, modeSelect, allOptions, modesByType);
  }

  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll("select[data-plover-modes]").forEach(setUp);
  });
})();
