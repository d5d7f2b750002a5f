// Progressive enhancement only: every page works without this file.
import { initAll as initGovuk } from '/static/govuk/govuk-frontend.min.js';
import { initAll as initMoj } from '/static/moj/moj-frontend.min.js';

initGovuk();
initMoj();

// GOV.UK Frontend's conditional reveal puts aria-expanded on radio inputs, which ARIA does not
// allow on a radio (a known issue the Design System keeps open: alphagov/govuk-frontend#979), so
// axe reports a WCAG violation. The reveal itself and its aria-controls stay; only the invalid
// attribute is taken off, and again whenever the component sets it.
const radios = document.querySelectorAll('.govuk-radios__input[aria-controls]');
const strip = (input) => input.removeAttribute('aria-expanded');
radios.forEach(strip);
const observer = new MutationObserver((changes) => changes.forEach((c) => strip(c.target)));
radios.forEach((input) => observer.observe(input, { attributes: true, attributeFilter: ['aria-expanded'] }));

// The burden of recording: a timed form (the form kit's formTiming) is stamped with when this page
// was opened, in the browser's own clock, and when it is sent; without this the server times it.
const openedAt = String(Math.round(performance.timeOrigin));
document.querySelectorAll('input[name="_openedInBrowser"]').forEach((input) => {
  if (input.value === '') input.value = openedAt;
  input.form?.addEventListener('submit', () => {
    const saved = input.form.querySelector('input[name="_savedInBrowser"]');
    if (saved) saved.value = String(Date.now());
  });
});
