// The preview page: lists the datasets and documents, renders the chosen
// document's PDF pages with pdf.js, shows the last build's problems over the
// last good pages, and reloads when the server says a build ended.
// Everything from the server is put in the page as text, never as HTML.
import * as pdfjs from '/pdfjs/pdf.min.mjs';

pdfjs.GlobalWorkerOptions.workerSrc = '/pdfjs/pdf.worker.min.mjs';
/** One worker for every reload: starting one costs more than drawing a page. */
const worker = new pdfjs.PDFWorker();

const $ = (id) => document.getElementById(id);
let state;
/** What the pages show now: the PDF's URL and the build it came from. */
let shown = '';
let queue = Promise.resolve();
let waiting = false;

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'text') node.textContent = v;
    else if (k === 'class') node.className = v;
    else node.setAttribute(k, v);
  }
  node.append(...children.filter((c) => c !== undefined && c !== null));
  return node;
}

/** The document the address names (#/dataset/document), else the first there is. */
function selected() {
  const m = /^#\/([^/]+)\/([^/]+)$/.exec(location.hash);
  const want = m ? { dataset: decodeURIComponent(m[1]), doc: decodeURIComponent(m[2]) } : undefined;
  for (const ds of state.datasets) {
    for (const doc of ds.documents)
      if (!want || (ds.name === want.dataset && doc.name === want.doc)) return { ds, doc };
  }
  return undefined;
}

function pagesText(doc) {
  const n = doc.pdf?.pages;
  if (n === undefined) return '';
  return doc.budget !== undefined ? `${n} / ${doc.budget} pages` : `${n} page${n === 1 ? '' : 's'}`;
}

function renderList(current) {
  const list = $('list');
  list.replaceChildren();
  if (!state.datasets.length) list.append(el('p', { class: 'empty', text: 'No documents written yet.' }));
  for (const ds of state.datasets) {
    const items = ds.documents.map((doc) => {
      const over = doc.pdf?.pages !== undefined && doc.budget !== undefined && doc.pdf.pages > doc.budget;
      const link = el(
        'a',
        { class: 'doc', href: `#/${encodeURIComponent(ds.name)}/${encodeURIComponent(doc.name)}` },
        doc.name,
        el('span', { class: `meta${over ? ' over' : ''}`, text: pagesText(doc) }),
      );
      if (current && current.ds === ds && current.doc === doc) link.setAttribute('aria-current', 'page');
      return el('li', {}, link);
    });
    list.append(el('h2', { text: ds.name }), el('ul', {}, ...items));
  }
}

function renderProblems() {
  const box = $('problems');
  const errors = state.problems.filter((p) => p.severity === 'error').length;
  box.hidden = state.problems.length === 0;
  box.classList.toggle('warnings-only', errors === 0);
  const heading = errors
    ? `${errors} problem${errors === 1 ? '' : 's'}: the pages below are the last good build`
    : `${state.problems.length} warning${state.problems.length === 1 ? '' : 's'}`;
  box.replaceChildren(
    el('h2', { text: heading }),
    ...state.problems.map((p) => {
      const source = p.source
        ? el(
            'pre',
            {},
            p.source.line + '\n',
            el('span', {
              class: 'marker',
              text: p.source.line.slice(0, p.source.col - 1).replace(/[^\t]/g, ' ') + '^',
            }),
          )
        : undefined;
      return el(
        'div',
        { class: `problem ${p.severity}` },
        el(
          'div',
          {},
          ...(p.where ? [el('span', { class: 'where', text: p.where }), ': '] : []),
          el('span', { class: 'kind', text: p.severity === 'warning' ? 'warning: ' : '' }),
          `${p.path ? p.path + ': ' : ''}${p.message}`,
        ),
        source,
        p.hint ? el('div', { class: 'hint', text: `hint: ${p.hint}` }) : undefined,
      );
    }),
  );
  $('pages').classList.toggle('stale', errors > 0);
  box.setAttribute('role', errors ? 'alert' : 'status');
}

/** One PDF page: a canvas, and its text for screen readers (and for finding words), `read` when it is there. */
async function pageFigure(pdf, n, width) {
  const page = await pdf.getPage(n);
  const base = page.getViewport({ scale: 1 });
  const scale = Math.min(1.6, width / base.width);
  const ratio = window.devicePixelRatio || 1;
  const viewport = page.getViewport({ scale: scale * ratio });
  const canvas = el('canvas', {
    width: String(Math.floor(viewport.width)),
    height: String(Math.floor(viewport.height)),
    'aria-hidden': 'true',
  });
  canvas.style.width = `${Math.floor(viewport.width / ratio)}px`;
  canvas.style.height = `${Math.floor(viewport.height / ratio)}px`;
  await page.render({ canvas, canvasContext: canvas.getContext('2d'), viewport }).promise;
  const text = el('div', { class: 'page-text visually-hidden' });
  // The text (for screen readers, and for finding words) follows the drawing, which the reader sees.
  const read = page
    .getTextContent()
    .then((content) => (text.textContent = content.items.map((i) => (i.str ?? '') + (i.hasEOL ? '\n' : ' ')).join('')));
  return {
    figure: el(
      'figure',
      { class: 'page', 'aria-label': `Page ${n} of ${pdf.numPages}`, 'data-page': String(n) },
      canvas,
      text,
    ),
    read,
  };
}

async function renderDocument(current) {
  const title = $('title');
  const pages = $('pages');
  if (!current) {
    title.replaceChildren();
    pages.replaceChildren(
      el('p', { class: 'empty', text: state.generation ? 'Nothing to show: no document was written.' : 'Building…' }),
    );
    shown = '';
    return;
  }
  const { ds, doc } = current;
  title.replaceChildren(
    el('h2', { text: `${ds.name} · ${doc.name}` }),
    el('span', { text: pagesText(doc) }),
    doc.pdf ? el('a', { href: doc.pdf.url, target: '_blank', text: 'PDF' }) : undefined,
    doc.docx ? el('a', { href: doc.docx, text: 'DOCX' }) : undefined,
    doc.md ? el('a', { href: doc.md, target: '_blank', text: 'Markdown' }) : undefined,
  );
  if (!doc.pdf) {
    pages.replaceChildren(el('p', { class: 'empty', text: 'No PDF for this document (--format leaves it out).' }));
    shown = '';
    return;
  }
  // The file's own version: a build that failed, or rebuilt another document, leaves these pages be.
  const url = `${doc.pdf.url}?v=${doc.pdf.version}`;
  if (url === shown) return;
  const pdf = await pdfjs.getDocument({ url, worker, isEvalSupported: false }).promise;
  try {
    await replacePages(pages, pdf);
    shown = url;
  } finally {
    void pdf.destroy();
  }
}

/**
 * Each page drawn and put in place of the one it replaces, the page in view
 * first, at the same scroll position: the reader stays where they were and
 * sees their page change first.
 */
async function replacePages(pages, pdf) {
  const width = Math.max(300, document.querySelector('main').clientWidth - 64);
  const slots = [...pages.querySelectorAll('figure.page')];
  if (!slots.length) pages.replaceChildren();
  while (slots.length < pdf.numPages) {
    const slot = el('figure', { class: 'page' });
    pages.append(slot);
    slots.push(slot);
  }
  const inView = Math.max(
    0,
    slots.findIndex((f) => f.getBoundingClientRect().bottom > 0),
  );
  const order = [...Array(pdf.numPages).keys()].sort((a, b) => Math.abs(a - inView) - Math.abs(b - inView) || a - b);
  const reads = [];
  for (const i of order) {
    const { figure, read } = await pageFigure(pdf, i + 1, width);
    reads.push(read);
    const y = window.scrollY;
    slots[i].replaceWith(figure);
    window.scrollTo(0, y);
  }
  for (const extra of slots.slice(pdf.numPages)) extra.remove();
  await Promise.all(reads);
}

async function refresh() {
  const res = await fetch('/api/state', { cache: 'no-store' });
  state = await res.json();
  const current = selected();
  renderList(current);
  renderProblems();
  $('status').textContent = state.generation
    ? `Build ${state.generation} · ${new Date().toLocaleTimeString()}`
    : 'Building…';
  await renderDocument(current);
  document.body.dataset.rendered = String(state.generation);
}

/** One refresh at a time; builds that end meanwhile make one more. */
function schedule() {
  if (waiting) return;
  waiting = true;
  queue = queue
    .then(() => {
      waiting = false;
      return refresh();
    })
    .catch((err) => {
      $('status').textContent = `The preview could not update: ${err.message}`;
    });
}

window.addEventListener('hashchange', () => {
  shown = '';
  $('pages').replaceChildren();
  window.scrollTo(0, 0);
  schedule();
});
const events = new EventSource('/events');
events.addEventListener('build', schedule);
events.addEventListener('error', () => {
  if (events.readyState === EventSource.CLOSED)
    $('status').textContent = 'Brief stopped: start it again with --preview';
  else $('status').textContent = 'Reconnecting to Brief…';
});
