// The admin console: plain DOM code over the admin API. The token lives in sessionStorage only.
'use strict';
const $ = id => document.getElementById(id);
let token = sessionStorage.getItem('zimAdminToken') || '';
let appId = null, nextAfter = null, lastSeq = 0, liveTimer = null;

function say(text) { $('status').textContent = text; }

async function api(method, path, body) {
  const response = await fetch('/admin/api' + path, {
    method,
    headers: Object.assign({ Authorization: 'Bearer ' + token }, body ? { 'Content-Type': 'application/json' } : {}),
    body: body ? JSON.stringify(body) : undefined,
  });
  if (response.status === 401) { logOut('The admin token was refused.'); throw new Error('unauthorized'); }
  const data = response.status === 204 ? null : await response.json();
  if (!response.ok) { say(data.Error); throw new Error(data.Error); }
  return data;
}

function row(cells, first) {
  const tr = document.createElement('tr');
  if (first) { const td = document.createElement('td'); td.appendChild(first); tr.appendChild(td); }
  for (const text of cells) { const td = document.createElement('td'); td.textContent = text; tr.appendChild(td); }
  return tr;
}

function logOut(message) {
  sessionStorage.removeItem('zimAdminToken');
  token = '';
  $('console').hidden = true;
  $('login').hidden = false;
  say(message);
}

async function loadApps() {
  const apps = await api('GET', '/apps');
  $('apps').replaceChildren(...apps.map(app => {
    const tr = row([app.AppId, app.Name, app.QpsLimit, app.Users, app.Configured ? 'yes' : 'no']);
    const open = document.createElement('button');
    open.type = 'button';
    open.textContent = 'Open ' + app.AppId;
    open.addEventListener('click', () => openApp(app.AppId, app.Name));
    const td = document.createElement('td'); td.appendChild(open); tr.appendChild(td);
    return tr;
  }));
}

async function openApp(id, name) {
  appId = id;
  lastSeq = 0;
  $('app-pages').hidden = false;
  $('app-title').textContent = 'App ' + id + ' (' + name + ')';
  $('requests').replaceChildren();
  await Promise.all([loadUsers(false), loadRequests(), loadFaults()]);
  say('Showing app ' + id + '.');
}

async function loadUsers(more) {
  const query = new URLSearchParams({ prefix: $('prefix').value, name: $('name').value, limit: '20' });
  if (more && nextAfter) query.set('after', nextAfter);
  const page = await api('GET', '/apps/' + appId + '/users?' + query);
  nextAfter = page.Next;
  $('next-page').disabled = !nextAfter;
  $('users').replaceChildren(...page.Users.map(user => {
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.value = user.UserId;
    box.setAttribute('aria-label', 'Select ' + user.UserId);
    return row([user.UserId, user.UserName, user.UserAvatar, user.Extra], box);
  }));
}

async function loadRequests() {
  const code = $('code').value.trim();
  const query = new URLSearchParams({ after: String(lastSeq), limit: '200' });
  if (code) query.set('code', code);
  const calls = await api('GET', '/apps/' + appId + '/requests?' + query);
  if (calls.length) lastSeq = Math.max(lastSeq, calls[0].Seq);
  const rows = calls.map(c => row([new Date(c.Time).toLocaleTimeString(), c.Action, c.Code, c.DurationMs, c.RequestId, c.BodyBytes, c.Reason || '']));
  $('requests').prepend(...rows);
}

async function loadFaults() {
  const f = await api('GET', '/apps/' + appId + '/faults');
  $('f-error').value = f.InternalErrorShare; $('f-rate').value = f.RateLimitShare;
  $('f-lshare').value = f.LatencyShare; $('f-lms').value = f.LatencyMs;
  const rules = f.Next || [];
  $('f-rules').replaceChildren(...rules.map(r => {
    const item = document.createElement('li');
    item.textContent = 'The next ' + r.Count + ' calls of ' + (r.Action || 'any action') + ' answer ' + r.Code + (r.Message ? ': ' + r.Message : '');
    return item;
  }));
  $('f-rules-none').hidden = rules.length > 0;
}

async function exportUsers(format) {
  const response = await fetch('/admin/api/apps/' + appId + '/users/export?format=' + format, { headers: { Authorization: 'Bearer ' + token } });
  const link = document.createElement('a');
  link.href = URL.createObjectURL(await response.blob());
  link.download = 'users-' + appId + '.' + format;
  document.body.appendChild(link);
  link.click();
  link.remove();
  say('Exported the users of app ' + appId + ' as ' + format + '.');
}

function tick() {
  if (appId && $('live').checked && !$('console').hidden) loadRequests().catch(() => {});
}

document.addEventListener('DOMContentLoaded', () => {
  $('login-form').addEventListener('submit', async e => {
    e.preventDefault();
    token = $('token').value.trim();
    try { await start(); } catch { /* said already */ }
  });
  $('create-app').addEventListener('submit', async e => {
    e.preventDefault();
    const app = await api('POST', '/apps', { Name: $('new-name').value || null, QpsLimit: Number($('new-qps').value) });
    $('secret').hidden = false;
    $('secret').textContent = 'Created app ' + app.AppId + '. ServerSecret (shown once, keep it): ' + app.ServerSecret;
    await loadApps();
  });
  $('search').addEventListener('submit', e => { e.preventDefault(); loadUsers(false); });
  $('next-page').addEventListener('click', () => loadUsers(true));
  $('delete-users').addEventListener('click', async () => {
    const ids = [...document.querySelectorAll('#users input:checked')].map(box => box.value);
    if (!ids.length) { say('Select users to delete first.'); return; }
    const result = await api('POST', '/apps/' + appId + '/users/delete', { UserIds: ids });
    say('Deleted ' + result.Count + ' users.');
    await loadUsers(false);
  });
  $('export-csv').addEventListener('click', () => exportUsers('csv'));
  $('export-jsonl').addEventListener('click', () => exportUsers('jsonl'));
  $('requests-filter').addEventListener('submit', e => { e.preventDefault(); lastSeq = 0; $('requests').replaceChildren(); loadRequests(); });
  $('faults').addEventListener('submit', async e => {
    e.preventDefault();
    // The form sets the shares; the rules waiting (set through the API or zim) are kept with their counts.
    const current = await api('GET', '/apps/' + appId + '/faults');
    await api('PUT', '/apps/' + appId + '/faults', {
      InternalErrorShare: Number($('f-error').value), RateLimitShare: Number($('f-rate').value),
      LatencyShare: Number($('f-lshare').value), LatencyMs: Number($('f-lms').value), Next: current.Next || [],
    });
    await loadFaults();
    say('Saved the faults of app ' + appId + '.');
  });
  $('faults-off').addEventListener('click', async () => { await api('DELETE', '/apps/' + appId + '/faults'); await loadFaults(); say('Faults are off.'); });
  liveTimer = setInterval(tick, 1000);
  if (token) start().catch(() => {});
});

async function start() {
  await loadApps();
  sessionStorage.setItem('zimAdminToken', token);
  $('login').hidden = true;
  $('console').hidden = false;
  say('Logged in.');
}
