// What every view shares: the admin API with the token, the status line, DOM and time helpers.
const tokenKey = 'zimAdminToken';

export const session = {
  token: sessionStorage.getItem(tokenKey) || '',
  onRefused: () => {},
  keep(token) { this.token = token; sessionStorage.setItem(tokenKey, token); },
  forget() { this.token = ''; sessionStorage.removeItem(tokenKey); },
};

export function say(text) { document.getElementById('status').textContent = text; }

/** The answer of a route this server does not have (yet): a 404 that is not the admin API's JSON. */
export const absent = Symbol('absent');

async function send(method, path, body) {
  const headers = { Authorization: 'Bearer ' + session.token };
  if (body) headers['Content-Type'] = 'application/json';
  const response = await fetch('/admin/api' + path, { method, headers, body: body ? JSON.stringify(body) : undefined });
  if (response.status === 401) { session.onRefused('The admin token was refused.'); throw new Error('unauthorized'); }
  return response;
}

function isJson(response) { return (response.headers.get('Content-Type') || '').startsWith('application/json'); }

/** The admin API's JSON (null for 204); a refusal is said on the status line and thrown. */
export async function api(method, path, body) {
  const response = await send(method, path, body);
  const data = response.status === 204 || !isJson(response) ? null : await response.json();
  if (!response.ok) {
    const message = data && data.Error ? data.Error : method + ' ' + path + ' answered HTTP ' + response.status + '.';
    say(message);
    throw new Error(message);
  }
  return data;
}

/** Like api GET, but a route the server does not have answers `absent` instead of failing. */
export async function read(path) {
  const response = await send('GET', path);
  if (response.status === 404 && !isJson(response)) return absent;
  const data = isJson(response) ? await response.json() : null;
  if (!response.ok) throw new Error(data && data.Error ? data.Error : 'HTTP ' + response.status);
  return data;
}

/** An element: attributes (on* become listeners, text the text), then children (strings or nodes). */
export function el(tag, attrs, ...children) {
  return build(document.createElement(tag), attrs, children);
}

export function svg(tag, attrs, ...children) {
  return build(document.createElementNS('http://www.w3.org/2000/svg', tag), attrs, children);
}

function build(node, attrs, children) {
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else if (name === 'text') node.textContent = value;
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  node.append(...children.filter(child => child !== null && child !== undefined && child !== false));
  return node;
}

/** A table with a header row; `rows` are arrays of cells (strings or nodes); the body gets `id`. */
export function table(headers, rows, id, label) {
  const head = el('thead', {}, el('tr', {}, ...headers.map(h => el('th', { scope: 'col' }, h))));
  const body = el('tbody', { id }, ...rows.map(cells => el('tr', {}, ...cells.map(cell => el('td', {}, cell ?? '')))));
  return el('div', { class: 'table-wrap' }, el('table', { 'aria-label': label }, head, body));
}

export function section(title, ...children) {
  const id = 'section-' + title.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  return el('section', { class: 'card', 'aria-labelledby': id }, el('h3', { id, text: title }), ...children);
}

export function button(text, onclick, attrs) { return el('button', Object.assign({ type: 'button', onclick }, attrs), text); }

export function badge(text, kind) { return el('span', { class: 'badge ' + kind }, text); }

export function note(text) { return el('p', { class: 'empty', text }); }

/** A time from Unix seconds, Unix milliseconds or an ISO string, in the browser's zone. */
export function when(value) {
  if (value === null || value === undefined || value === '' || value === 0) return '';
  const date = typeof value === 'number' ? new Date(value > 1e12 ? value : value * 1000) : new Date(value);
  const sameDay = date.toDateString() === new Date().toDateString();
  return sameDay ? date.toLocaleTimeString() : date.toLocaleString();
}

export const userLink = (appId, userId) => el('a', { href: '#/apps/' + appId + '/users/' + encodeURIComponent(userId) }, userId);

/** Runs `work` now and every `ms` while the tab is visible, never two at once; the answer stops it. */
export function every(ms, work) {
  let busy = false;
  const run = async () => {
    if (busy || document.hidden) return;
    busy = true;
    try { await work(); } catch { /* said already, or tried again next time */ } finally { busy = false; }
  };
  run();
  const timer = setInterval(run, ms);
  return () => clearInterval(timer);
}
