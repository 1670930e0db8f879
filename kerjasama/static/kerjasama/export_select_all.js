// "Select all" on django-import-export's export page, bound here instead of its inline
// onchange attribute, which the Content-Security-Policy refuses.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("input.select-toggle").forEach((toggle) => {
    toggle.addEventListener("change", (event) => onSelectToggleChange(event));
  });
});
