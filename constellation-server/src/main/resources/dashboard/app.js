// Constellation dashboard: plain JavaScript over the JSON API (no build step).
'use strict';

const state = { selected: null, pipelines: [], keyInput: null };

function $(id) { return document.getElementById(id); }

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === 'class') e.className = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else if (v !== undefined && v !== null) e.setAttribute(k, v);
  }
  for (const c of children) {
    if (c === null || c === undefined) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

function headers(json) {
  const h = {};
  const key = localStorage.getItem('constellation.apiKey');
  if (key) h['Authorization'] = 'Bearer ' + key;
  if (json) h['Content-Type'] = 'application/json';
  return h;
}

async function api(method, path, body) {
  const res = await fetch(path, {
    method, headers: headers(body !== undefined),
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch (e) { data = text; }
  if (!res.ok) {
    const msg = data && data.message ? data.message : res.status + ' ' + res.statusText;
    const details = data && data.details && data.details.length ? '\n' + data.details.join('\n') : '';
    const err = new Error(msg + details);
    err.status = res.status;
    throw err;
  }
  return data;
}

function showError(e) {
  const box = $('error');
  box.textContent = e.message || String(e);
  box.hidden = false;
  clearTimeout(showError.timer);
  showError.timer = setTimeout(() => { box.hidden = true; }, 8000);
}

function shortId(id) { return id ? id.slice(0, 8) : ''; }
function fmtTime(iso) { return iso ? new Date(iso).toLocaleTimeString() : ''; }

// ----- form fields generated from types -----

function fieldFor(prefix, name, t, example) {
  const id = prefix + name;
  const kind = t.kind === 'optional' ? t.inner.kind : t.kind;
  let input;
  if (kind === 'boolean') {
    input = el('select', { id, 'data-kind': 'boolean' },
      el('option', { value: '' }, '(not given)'), el('option', { value: 'true' }, 'true'),
      el('option', { value: 'false' }, 'false'));
  } else if (kind === 'int' || kind === 'float') {
    input = el('input', { id, type: 'text', inputmode: 'decimal', 'data-kind': kind });
  } else if (kind === 'string') {
    input = el('input', { id, type: 'text', 'data-kind': 'string' });
  } else {
    input = el('textarea', { id, 'data-kind': 'json', placeholder: 'JSON' });
  }
  input.dataset.name = name;
  input.dataset.optional = t.kind === 'optional' ? 'true' : 'false';
  if (example !== undefined && example !== null) {
    input.value = (input.dataset.kind === 'json') ? JSON.stringify(example) : String(example);
  }
  return el('div', { class: 'field' },
    el('label', { for: id }, name, el('span', { class: 'type' }, t.type)), input);
}

// Reads the fields under `container`; empty fields are left out (the run suspends on them).
function readFields(container) {
  const out = {};
  const problems = [];
  for (const input of container.querySelectorAll('[data-name]')) {
    const name = input.dataset.name;
    const raw = input.value.trim();
    if (raw === '') continue;
    const kind = input.dataset.kind;
    try {
      if (kind === 'string') out[name] = input.value;
      else if (kind === 'boolean') out[name] = raw === 'true';
      else if (kind === 'int') {
        if (!/^-?\d+$/.test(raw)) throw new Error('expected a whole number');
        const n = Number(raw);
        if (!Number.isSafeInteger(n)) throw new Error('too large for the form; use the API');
        out[name] = n;
      } else if (kind === 'float') {
        const n = Number(raw);
        if (Number.isNaN(n)) throw new Error('expected a number');
        out[name] = n;
      } else out[name] = JSON.parse(raw);
    } catch (e) {
      problems.push(name + ': ' + e.message);
    }
  }
  if (problems.length) throw new Error(problems.join('\n'));
  return out;
}

// ----- pipelines -----

async function loadPipelines() {
  const list = await api('GET', '/pipelines');
  list.sort((a, b) => (a.aliases[0] || a.name).localeCompare(b.aliases[0] || b.name));
  state.pipelines = list;
  const ul = $('pipelines');
  ul.replaceChildren();
  if (!list.length) ul.append(el('li', { class: 'muted' }, 'no pipelines yet'));
  for (const p of list) {
    const ref = p.aliases[0] || p.ref;
    const li = el('li', { 'data-ref': ref, class: state.selected === ref ? 'selected' : '',
      onclick: () => select(ref) },
      ref, el('span', { class: 'small muted' }, plural(Object.keys(p.inputs).length, 'input') + ' · ' + plural(p.modules, 'module')));
    ul.append(li);
  }
}

async function select(ref) {
  state.selected = ref;
  for (const li of $('pipelines').children) li.classList.toggle('selected', li.dataset.ref === ref);
  const p = await api('GET', '/pipelines/' + encodeURIComponent(ref));
  $('no-selection').hidden = true;
  $('pipeline').hidden = false;
  $('pipeline-name').textContent = ref;
  $('pipeline-hash').textContent = p.ref;
  const svgRes = await fetch('/pipelines/' + encodeURIComponent(ref) + '/dag.svg', { headers: headers(false) });
  $('dag').innerHTML = svgRes.ok ? await svgRes.text() : '';
  const fields = $('run-fields');
  fields.replaceChildren();
  for (const [name, t] of Object.entries(p.inputs)) {
    fields.append(fieldFor('input-', name, t, p.examples[name]));
  }
  $('result').hidden = true;
}

async function run(ev) {
  ev.preventDefault();
  const btn = $('run-btn');
  btn.disabled = true;
  try {
    const inputs = readFields($('run-fields'));
    const r = await api('POST', '/execute', { ref: state.selected, inputs });
    showResult(r);
    refreshLists();
  } catch (e) {
    showError(e);
  } finally {
    btn.disabled = false;
  }
}

function showResult(r) {
  $('result').hidden = false;
  const status = $('result-status');
  status.textContent = r.status;
  status.className = 'pill ' + r.status;
  const body = $('result-body');
  body.replaceChildren(
    el('p', { class: 'muted small' }, 'execution ', el('span', { class: 'mono', id: 'result-id' }, r.executionId),
      ' · ' + r.durationMs + ' ms'));
  if (Object.keys(r.outputs).length) {
    body.append(el('div', {}, 'Outputs'), el('pre', { id: 'result-outputs' }, JSON.stringify(r.outputs, null, 2)));
  }
  if (Object.keys(r.missingInputs).length) {
    body.append(el('p', { id: 'result-missing' }, 'Waiting for: ' +
      Object.entries(r.missingInputs).map(([k, t]) => k + ': ' + t.type).join(', ') +
      (r.suspensionHandle ? ' — resume it below (handle ' + r.suspensionHandle + ')' : '')));
  }
  if (r.errors.length) {
    body.append(el('pre', { class: 'error-list' }, r.errors.map(e => e.module + ' (' + e.node + '): ' + e.message).join('\n')));
  }
}

// ----- executions -----

async function loadSuspended() {
  const list = await api('GET', '/executions');
  // Do not rebuild (and wipe what a user is typing) when nothing changed.
  const sig = list.map(s => s.handle + '@' + s.resumptionCount).join(',');
  if (sig === state.suspendedSig) return;
  state.suspendedSig = sig;
  const tbody = $('suspended');
  tbody.replaceChildren();
  if (!list.length) tbody.append(el('tr', {}, el('td', { colspan: 6, class: 'muted' }, 'none')));
  for (const s of list) {
    const form = el('form', { class: 'resume-form', 'data-handle': s.handle });
    for (const [name, t] of Object.entries(s.missingInputs)) {
      form.append(fieldFor('resume-' + s.handle + '-', name, t));
    }
    form.append(el('button', { type: 'submit', class: 'resume-btn' }, 'Resume'));
    form.addEventListener('submit', ev => resume(ev, s.handle, form));
    tbody.append(el('tr', { 'data-handle': s.handle },
      el('td', { class: 'mono' }, shortId(s.handle)),
      el('td', {}, s.pipeline),
      el('td', {}, Object.entries(s.missingInputs).map(([k, t]) => k + ': ' + t.type).join(', ')),
      el('td', {}, s.resumptionCount),
      el('td', {}, fmtTime(s.createdAt)),
      el('td', {}, form)));
  }
}

async function resume(ev, handle, form) {
  ev.preventDefault();
  const btn = form.querySelector('button');
  btn.disabled = true;
  try {
    const additionalInputs = readFields(form);
    const r = await api('POST', '/executions/' + encodeURIComponent(handle) + '/resume', { additionalInputs });
    $('no-selection').hidden = true;
    $('pipeline').hidden = false;
    showResult(r);
    refreshLists();
  } catch (e) {
    showError(e);
    btn.disabled = false;
  }
}

async function loadRecent() {
  const list = await api('GET', '/executions/recent?limit=50');
  const tbody = $('recent');
  tbody.replaceChildren();
  for (const r of list) {
    tbody.append(el('tr', { 'data-execution': r.executionId },
      el('td', { class: 'mono' }, shortId(r.executionId)), el('td', {}, r.pipeline), el('td', {}, r.kind),
      el('td', {}, el('span', { class: 'pill ' + r.status }, r.status)),
      el('td', {}, r.durationMs + ' ms'), el('td', {}, fmtTime(r.startedAt))));
  }
}

async function loadRunning() {
  const list = await api('GET', '/executions/running');
  $('running-count').textContent = list.length;
  const tbody = $('running');
  tbody.replaceChildren();
  for (const r of list) {
    tbody.append(el('tr', {}, el('td', { class: 'mono' }, shortId(r.executionId)), el('td', {}, r.pipeline),
      el('td', {}, r.elapsedMs + ' ms'), el('td', {}, r.modulesCompleted + ' / ' + r.modulesRunning)));
  }
}

async function loadHealth() {
  const h = $('health');
  try {
    const res = await fetch('/health');
    const data = await res.json();
    h.textContent = data.status;
    h.className = 'pill ' + data.status;
  } catch (e) {
    h.textContent = 'down';
    h.className = 'pill down';
  }
}

function refreshLists() {
  return Promise.all([loadSuspended(), loadRecent(), loadRunning()]).catch(showError);
}

// Live view: poll running executions every second, the rest every 5 s (or on demand).
let ticks = 0;
async function tick() {
  ticks++;
  try {
    await loadRunning();
    if (ticks % 5 === 0) {
      await Promise.all([loadRecent(), loadSuspended(), loadHealth()]);
    }
  } catch (e) {
    if (e.status !== 401 && e.status !== 403) showError(e);
  }
}

function init() {
  const keyInput = $('api-key');
  keyInput.value = localStorage.getItem('constellation.apiKey') || '';
  keyInput.addEventListener('change', () => {
    localStorage.setItem('constellation.apiKey', keyInput.value.trim());
    start();
  });
  $('run-form').addEventListener('submit', run);
  start();
  setInterval(tick, 1000);
}

function start() {
  loadHealth();
  loadPipelines().catch(showError);
  refreshLists();
}

document.addEventListener('DOMContentLoaded', init);

/** "1 input", "2 inputs". */
function plural(n, noun) {
  return n + ' ' + noun + (n === 1 ? '' : 's');
}
