// The language menu of every page sends its form as soon as a language is picked.
// A file of its own, not an inline handler: the Content-Security-Policy allows no
// inline script.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("form.language-switch select").forEach((select) => {
    select.addEventListener("change", () => select.form.submit());
  });
});
