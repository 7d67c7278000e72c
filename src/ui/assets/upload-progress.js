/// <reference lib="dom" />
// The progress of a file upload, for forms marked `data-upload-progress` (decision 028). Without
// this script such a form is sent as any other; with it, the form is sent by XMLHttpRequest so the
// editor sees the bytes go, then that the server is checking the file, then the page it answers.
// Every text comes from the page, in its language: the panel's data-uploading (with {percent}),
// data-checking and data-failed.

/** @param {string} text the page the server answered */
function showAnswer(text) {
  const answer = new DOMParser().parseFromString(text, 'text/html');
  document.title = answer.title;
  document.body.replaceWith(document.adoptNode(answer.body));
  window.scrollTo(0, 0);
  document.getElementById('main')?.focus();
  enhance();
}

/** @param {HTMLFormElement} form */
function enhanceForm(form) {
  const panel = document.getElementById(form.dataset.uploadProgress ?? '');
  const bar = panel?.querySelector('progress');
  const status = panel?.querySelector('[aria-live]');
  const button = form.querySelector('button[type="submit"]');
  if (!panel || !bar || !status) return;
  const texts = panel.dataset;
  /** @param {string | undefined} text */
  const say = (text) => {
    status.textContent = text ?? '';
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const request = new XMLHttpRequest();
    // Said every tenth: a screen reader need not hear each percent.
    let said = -10;
    request.upload.addEventListener('progress', (progress) => {
      if (!progress.lengthComputable) return;
      const percent = Math.floor((progress.loaded / progress.total) * 100);
      bar.value = percent;
      if (percent - said >= 10) {
        said = percent;
        say(texts.uploading?.replace('{percent}', String(percent)));
      }
    });
    request.upload.addEventListener('load', () => {
      bar.value = 100;
      say(texts.checking);
    });
    request.addEventListener('load', () => showAnswer(request.responseText));
    request.addEventListener('error', () => {
      say(texts.failed);
      if (button) button.disabled = false;
    });
    request.open('POST', form.action);
    panel.hidden = false;
    bar.value = 0;
    say(texts.uploading?.replace('{percent}', '0'));
    if (button) button.disabled = true;
    request.send(new FormData(form));
  });
}

function enhance() {
  for (const form of document.querySelectorAll('form[data-upload-progress]')) {
    if (form instanceof HTMLFormElement) enhanceForm(form);
  }
}

enhance();
