// An app's overview: calls per second by Code, who is online, the latest callback deliveries.
import { drawChart, legend, seriesOf } from './chart.js';
import { api, el, every, note, section, userLink, when } from './lib.js';
import { deliveries, deliveryTable } from './view-callbacks.js';

function tile(label) {
  const value = el('strong', {}, '–');
  return { node: el('div', { class: 'tile', role: 'group', 'aria-label': label }, el('span', {}, label), value), value };
}

const windows = [[60, '1 min'], [300, '5 min'], [600, '10 min']];

export function render(root, { appId, app }) {
  let seconds = 300;
  const tiles = ['Calls', 'Success', 'Rate-limited', 'Failed', 'Online users', 'QpsLimit'].map(tile);
  const [calls, success, limited, failed, online, qps] = tiles;
  qps.value.textContent = app.QpsLimit ? String(app.QpsLimit) : 'unlimited';
  const chart = el('div', { id: 'rate-chart' });
  const title = el('h3', { id: 'chart-title' }, 'Calls per second by Code, last 5 min');
  const picker = el('div', { class: 'segmented', role: 'group', 'aria-label': 'Chart window' }, ...windows.map(([length, text]) =>
    el('button', {
      type: 'button', 'aria-pressed': String(length === seconds), onclick: event => {
        seconds = length;
        picker.querySelectorAll('button').forEach(b => b.setAttribute('aria-pressed', String(b === event.currentTarget)));
        title.textContent = 'Calls per second by Code, last ' + text;
        loadRate().catch(() => {});
      },
    }, text)));
  const codes = el('div');
  const people = el('div');
  const callbacks = el('div');

  async function loadRate() {
    const rate = await api('GET', '/apps/' + appId + '/calls/rate?seconds=' + seconds);
    const series = seriesOf(rate);
    const sum = kinds => series.filter(s => kinds(s.kind)).reduce((a, s) => a + s.total, 0);
    const total = sum(() => true);
    calls.value.textContent = String(total);
    success.value.textContent = total ? Math.round(100 * sum(k => k === 'c-ok') / total) + ' %' : '–';
    const show = (t, count, kind) => { t.value.textContent = String(count); t.node.classList.toggle(kind, count > 0); };
    show(limited, sum(k => k.startsWith('c-limit')), 'warn');
    show(failed, sum(k => k.startsWith('c-fail')), 'bad');
    chart.replaceChildren(drawChart(rate, series, app.QpsLimit));
    codes.replaceChildren(legend(series));
  }

  async function loadOnline() {
    const open = (await api('GET', '/apps/' + appId + '/sessions?limit=500')).filter(s => s.State === 'open');
    online.value.textContent = String(new Set(open.map(s => s.UserId)).size);
    people.replaceChildren(open.length
      ? el('ul', { class: 'people', 'aria-label': 'Online users' }, ...open.slice(0, 12).map(s =>
        el('li', {}, el('span', { class: 'dot', 'aria-hidden': 'true' }), userLink(appId, s.UserId), el('span', { class: 'muted' }, ' ' + s.Os + ' since ' + when(s.LoginTime)))))
      : note('Nobody is online.'),
    el('a', { href: '#/apps/' + appId + '/sessions' }, 'All sessions'));
  }

  async function loadCallbacks() {
    callbacks.replaceChildren(deliveryTable(appId, await deliveries(appId, 6), true), el('a', { href: '#/apps/' + appId + '/callbacks' }, 'All deliveries'));
  }

  root.append(
    el('div', { class: 'tiles' }, ...tiles.map(t => t.node)),
    el('section', { class: 'card', 'aria-labelledby': 'chart-title' }, el('div', { class: 'card-head' }, title, picker), chart, codes),
    el('div', { class: 'columns' }, section('Online now', people), section('Recent callbacks', callbacks)));
  const stops = [every(3000, loadRate), every(5000, loadOnline), every(5000, loadCallbacks)];
  return () => stops.forEach(stop => stop());
}
