// The calls-per-second chart: one stacked area per Code, drawn as SVG by hand.
import { el, svg } from './lib.js';

const names = {
  0: 'Success', 7: 'Too many requests', 660300005: 'Rate limited (query)', 660700001: 'Rate limited (register)',
  660000001: 'Internal error', 660000002: 'Invalid parameter', 660700002: 'User exists', 660700015: 'User not found',
  660700012: 'User not found (modify)', 100000004: 'Timestamp expired', 100000005: 'Signature mismatch',
};
const rateLimits = [660300005, 660700001, 7];

export function codeName(code) { return names[code] || 'Code ' + code; }

/** The colour class of a Code: calm for success, warm for rate limits, loud for failures. */
export function codeClass(code, failureIndex) {
  if (code === 0) return 'c-ok';
  const limit = rateLimits.indexOf(code);
  return limit >= 0 ? 'c-limit' + limit : 'c-fail' + (failureIndex % 4);
}

const W = 960, H = 260, left = 44, right = 12, top = 12, bottom = 26;

function niceCeiling(value) {
  const step = Math.pow(10, Math.floor(Math.log10(value)));
  return [1, 2, 2.5, 5, 10].map(m => m * step).find(m => m >= value);
}

/** Ordered series: success first (at the bottom), then rate limits, then failures. */
export function seriesOf(rate) {
  const codes = Object.keys(rate.Codes).map(Number);
  const rank = code => code === 0 ? 0 : rateLimits.includes(code) ? 1 : 2;
  codes.sort((a, b) => rank(a) - rank(b) || a - b);
  let failures = 0;
  return codes.map(code => {
    const counts = rate.Codes[String(code)];
    const kind = codeClass(code, rank(code) === 2 ? failures++ : 0);
    return { code, counts, kind, total: counts.reduce((a, b) => a + b, 0) };
  });
}

/** The chart of `rate` (the calls/rate answer) as an SVG element with a legend and a hover readout. */
export function drawChart(rate, series, qpsLimit) {
  const n = rate.Seconds;
  const stacked = new Array(n).fill(0);
  const layers = series.map(s => {
    const base = stacked.slice();
    s.counts.forEach((count, i) => { stacked[i] += count; });
    return { s, base, topLine: stacked.slice() };
  });
  const peak = Math.max(1, ...stacked);
  const max = niceCeiling(qpsLimit > 0 && qpsLimit <= peak * 2 ? Math.max(peak, qpsLimit) : peak);
  // Second i fills [x(i), x(i + 1)): steps, not slopes, since each count belongs to its whole second.
  const x = i => left + (W - left - right) * (i / n);
  const y = v => H - bottom - (H - top - bottom) * (v / max);

  const grid = [];
  for (let k = 0; k <= 4; k++) {
    const v = (max * k) / 4;
    grid.push(svg('line', { class: 'grid', x1: left, x2: W - right, y1: y(v), y2: y(v) }));
    grid.push(svg('text', { class: 'axis', x: left - 6, y: y(v) + 4, 'text-anchor': 'end' }, String(Math.round(v * 10) / 10)));
  }
  const tick = n <= 60 ? 10 : n <= 300 ? 60 : 120;
  for (let back = Math.floor(n / tick) * tick; back >= 0; back -= tick) {
    const label = back === 0 ? 'now' : back < 60 ? '-' + back + ' s' : '-' + back / 60 + ' min';
    grid.push(svg('text', { class: 'axis', x: x(n - back), y: H - 8, 'text-anchor': back === 0 ? 'end' : back === n ? 'start' : 'middle' }, label));
  }
  const areas = layers.map(({ s, base, topLine }) => {
    const step = (v, i) => x(i).toFixed(1) + ' ' + y(v).toFixed(1) + ' L' + x(i + 1).toFixed(1) + ' ' + y(v).toFixed(1);
    const forward = 'M' + topLine.map(step).join(' L');
    const backward = base.map((v, i) => 'L' + x(i + 1).toFixed(1) + ' ' + y(v).toFixed(1) + ' L' + x(i).toFixed(1) + ' ' + y(v).toFixed(1)).reverse().join(' ');
    return svg('path', { class: 'series ' + s.kind, d: forward + ' ' + backward + ' Z', 'data-code': s.code, 'data-total': s.total },
      svg('title', {}, s.code + ' ' + codeName(s.code) + ': ' + s.total + ' calls'));
  });
  const limit = qpsLimit > 0 && qpsLimit <= max
    ? [svg('line', { class: 'limit-line', x1: left, x2: W - right, y1: y(qpsLimit), y2: y(qpsLimit) }),
      svg('text', { class: 'axis', x: left + 4, y: y(qpsLimit) - 4 }, 'QpsLimit ' + qpsLimit + ' per action')]
    : [];
  const empty = series.length ? [] : [svg('text', { class: 'axis', x: W / 2, y: H / 2, 'text-anchor': 'middle' }, 'No calls in these minutes')];
  const cursor = svg('line', { class: 'cursor', x1: 0, x2: 0, y1: top, y2: H - bottom, visibility: 'hidden' });
  const total = series.reduce((a, s) => a + s.total, 0);
  const chart = svg('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': `Calls per second by Code over the last ${n} seconds: ${total} calls` },
    ...grid, ...areas, ...limit, ...empty, cursor);
  const readout = el('div', { class: 'readout', hidden: true });
  chart.addEventListener('mousemove', event => {
    const box = chart.getBoundingClientRect();
    const i = Math.floor(((event.clientX - box.left) / box.width * W - left) / (W - left - right) * n);
    if (i < 0 || i >= n) { cursor.setAttribute('visibility', 'hidden'); readout.hidden = true; return; }
    cursor.setAttribute('x1', x(i + 0.5)); cursor.setAttribute('x2', x(i + 0.5)); cursor.setAttribute('visibility', 'visible');
    const at = new Date((rate.Start + i) * 1000).toLocaleTimeString();
    readout.replaceChildren(el('strong', {}, at), ...series.filter(s => s.counts[i]).map(s =>
      el('div', {}, el('span', { class: 'swatch ' + s.kind }), s.counts[i] + ' × ' + s.code)));
    readout.hidden = false;
    readout.style.left = Math.min(box.width - 160, event.clientX - box.left + 12) + 'px';
  });
  chart.addEventListener('mouseleave', () => { cursor.setAttribute('visibility', 'hidden'); readout.hidden = true; });
  return el('div', { class: 'chart' }, chart, readout);
}

export function legend(series) {
  return el('ul', { class: 'legend', 'aria-label': 'Codes in the chart' }, ...series.map(s =>
    el('li', { 'data-code': s.code },
      el('span', { class: 'swatch ' + s.kind }), el('span', { class: 'code' }, String(s.code)), ' ' + codeName(s.code) + ' ',
      el('span', { class: 'count' }, String(s.total)))));
}
