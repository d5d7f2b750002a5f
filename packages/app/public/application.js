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

// Select and mark (the redaction review screen): select words in the report's text or in a
// mention's context, then "Mark the selected words" puts them in the "Add words the engine
// missed" form, exactly as written, and moves to what they are. Without JavaScript the panel stays
// hidden and the words are typed into the same form.
const markForm = document.querySelector('form[data-app-mark-form]');
const markPanel = document.querySelector('[data-app-mark-panel]');
if (markForm && markPanel) {
  const input = markForm.querySelector('input[name="text"]');
  const status = markPanel.querySelector('[data-app-mark-status]');
  const button = markPanel.querySelector('button');
  const markable = (node) =>
    (node?.nodeType === Node.ELEMENT_NODE ? node : node?.parentElement)?.closest('[data-app-markable]') ??
    null;
  let selected = '';
  document.addEventListener('selectionchange', () => {
    const selection = document.getSelection();
    if (selection === null || selection.isCollapsed) return; // keep the last selection for the button
    const region = markable(selection.anchorNode);
    if (region === null || region !== markable(selection.focusNode)) return;
    const text = selection.toString().trim();
    if (text === '') return;
    if (text.includes('\n\n') || text.length > 300) {
      selected = '';
      status.textContent = 'Select up to 300 characters within one paragraph.';
      return;
    }
    selected = text;
    status.textContent = `Selected: “${text}”`;
  });
  button.addEventListener('click', () => {
    if (selected === '') {
      status.textContent = 'Select words in the report’s text or in a mention’s context first.';
      return;
    }
    input.value = selected;
    status.textContent = `“${selected}” is in the form below: say what it is, then redact it.`;
    markForm.querySelector('select[name="type"]')?.focus();
  });
  markPanel.hidden = false;
}
