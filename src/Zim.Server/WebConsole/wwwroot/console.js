// The admin console: log in with the admin token (kept in sessionStorage only), then hash routes to one view each.
import { api, el, say, session } from './lib.js';
import * as apps from './view-apps.js';
import * as callbacks from './view-callbacks.js';
import * as overview from './view-overview.js';
import * as requests from './view-requests.js';
import * as sessions from './view-sessions.js';
import * as user from './view-user.js';
import * as users from './view-users.js';

const $ = id => document.getElementById(id);
const appPages = [
  ['', 'Overview', overview], ['/users', 'Users', users], ['/sessions', 'Sessions', sessions],
  ['/callbacks', 'Callbacks', callbacks], ['/requests', 'Requests and faults', requests],
];
let stop = null;

const loadApps = () => api('GET', '/apps');

/** The view, its title and its parameters for a hash such as #/apps/42/users/ann. */
function route(hash) {
  const parts = hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  if (parts[0] !== 'apps' || !parts[1]) return { view: apps, title: 'Apps', path: '#/apps' };
  const appId = Number(parts[1]);
  if (parts[2] === 'users' && parts[3] !== undefined) {
    return { view: user, title: 'User ' + parts.slice(3).join('/'), appId, userId: parts.slice(3).join('/'), path: '#/apps/' + appId + '/users' };
  }
  const page = appPages.find(([rest]) => rest === (parts[2] ? '/' + parts[2] : '')) || appPages[0];
  return { view: page[2], title: page[1], appId, path: '#/apps/' + appId + page[0] };
}

function navigation(current) {
  const link = (href, text) => el('li', {}, el('a', { href, 'aria-current': href === current.path ? 'page' : null }, text));
  const items = [el('ul', {}, link('#/apps', 'Apps'))];
  if (current.app) {
    items.push(el('p', { class: 'nav-app' }, current.app.Name, el('span', {}, String(current.app.AppId))),
      el('ul', {}, ...appPages.map(([rest, text]) => link('#/apps/' + current.app.AppId + rest, text))));
  }
  $('nav').replaceChildren(...items);
}

async function show() {
  if (stop) { stop(); stop = null; }
  const current = route(location.hash);
  if (current.appId !== undefined) {
    // Read again each time: a name or QpsLimit changed through the API or zim shows on the next page.
    current.app = (await loadApps()).find(a => a.AppId === current.appId);
    if (!current.app) { say('No app ' + current.appId + ' is served here.'); location.hash = '#/apps'; return; }
  }
  navigation(current);
  const view = $('view');
  const heading = el('header', { class: 'page-head' }, el('h2', { id: 'page-title' }, current.title),
    current.app ? el('p', { class: 'subtitle' }, current.app.Name + ' · ' + current.app.AppId) : null);
  view.replaceChildren(heading);
  document.title = current.title + ' · ZIM console';
  stop = current.view.render(view, { appId: current.appId, userId: current.userId, app: current.app, loadApps }) || null;
}

function logOut(message) {
  if (stop) { stop(); stop = null; }
  session.forget();
  $('console').hidden = true;
  $('log-out').hidden = true;
  $('login').hidden = false;
  say(message);
}

async function start() {
  await loadApps();
  $('login').hidden = true;
  $('console').hidden = false;
  $('log-out').hidden = false;
  say('Logged in.');
  await show();
}

session.onRefused = logOut;
$('login-form').addEventListener('submit', async event => {
  event.preventDefault();
  session.keep($('token').value.trim());
  try { await start(); } catch { /* said already */ }
});
$('log-out').addEventListener('click', () => logOut('Logged out.'));
window.addEventListener('hashchange', () => { if (session.token) show().catch(() => {}); });
if (session.token) start().catch(() => {});
