// Requests and faults: the live request log (failed calls with why), and the app's fault settings and rules.
import { api, button, el, every, say, section, table, when } from './lib.js';

function field(id, text, attrs) {
  return [el('label', { for: id }, text), el('input', Object.assign({ id, type: 'number', min: 0, max: 1, step: 0.05 }, attrs))];
}

export function render(root, { appId }) {
  let lastSeq = 0;
  const code = el('input', { id: 'code', inputmode: 'numeric', size: 10 });
  const live = el('input', { id: 'live', type: 'checkbox', checked: true });
  const failedOnly = el('input', { id: 'failed-only', type: 'checkbox', onchange: () => restart() });
  const log = table(['Time', 'Action', 'Code', 'ms', 'RequestId', 'Bytes', 'Reason'], [], 'requests', 'Request log');
  const rows = log.querySelector('tbody');

  async function loadRequests() {
    const query = new URLSearchParams({ after: String(lastSeq), limit: '200' });
    if (code.value.trim()) query.set('code', code.value.trim());
    const calls = await api('GET', '/apps/' + appId + '/requests?' + query);
    if (calls.length) lastSeq = Math.max(lastSeq, calls[0].Seq);
    rows.prepend(...calls.filter(c => !failedOnly.checked || c.Code !== 0).map(c => el('tr', { class: c.Code === 0 ? '' : 'failed' },
      ...[when(c.Time), c.Action, String(c.Code), String(c.DurationMs), c.RequestId, String(c.BodyBytes), c.Reason || ''].map(text => el('td', {}, text)))));
  }
  function restart() { lastSeq = 0; rows.replaceChildren(); loadRequests().catch(() => {}); }

  const filter = el('form', { id: 'requests-filter', class: 'inline-form', onsubmit: e => { e.preventDefault(); restart(); } },
    el('label', { for: 'code' }, 'Code'), code, el('label', {}, failedOnly, ' Only failed calls'), el('label', {}, live, ' Live'),
    el('button', { type: 'submit' }, 'Filter'));

  const [errorLabel, error] = field('f-error', 'Share answered 660000001');
  const [rateLabel, rate] = field('f-rate', 'Share answered rate-limited');
  const [delayLabel, delayShare] = field('f-lshare', 'Share delayed');
  const [msLabel, ms] = field('f-lms', 'Delay (ms)', { max: 60000, step: 1 });
  const rules = el('ul', { id: 'f-rules' });
  const none = el('span', { id: 'f-rules-none' }, 'none.');

  async function loadFaults() {
    const f = await api('GET', '/apps/' + appId + '/faults');
    error.value = f.InternalErrorShare; rate.value = f.RateLimitShare; delayShare.value = f.LatencyShare; ms.value = f.LatencyMs;
    const next = f.Next || [];
    rules.replaceChildren(...next.map(r => el('li', {},
      'The next ' + r.Count + ' calls of ' + (r.Action || 'any action') + ' answer ' + r.Code + (r.Message ? ': ' + r.Message : ''))));
    none.hidden = next.length > 0;
  }

  const faults = el('form', {
    id: 'faults', class: 'grid-form', onsubmit: async e => {
      e.preventDefault();
      // The form sets the shares; the rules waiting (set through the API or zim) are kept with their counts.
      const current = await api('GET', '/apps/' + appId + '/faults');
      await api('PUT', '/apps/' + appId + '/faults', {
        InternalErrorShare: Number(error.value), RateLimitShare: Number(rate.value),
        LatencyShare: Number(delayShare.value), LatencyMs: Number(ms.value), Next: current.Next || [],
      });
      await loadFaults();
      say('Saved the faults of app ' + appId + '.');
    },
  }, errorLabel, error, rateLabel, rate, delayLabel, delayShare, msLabel, ms,
  el('p', { class: 'toolbar' }, el('button', { type: 'submit', class: 'primary' }, 'Save faults'),
    button('Turn faults off', async () => { await api('DELETE', '/apps/' + appId + '/faults'); await loadFaults(); say('Faults are off.'); }, { id: 'faults-off' })));

  root.append(
    section('Request log', filter, log),
    section('Faults', faults, el('p', {}, 'Rules waiting (', el('code', {}, 'POST .../faults/next'), ', ', el('code', {}, 'zim faults next'), '): ', none), rules));
  loadFaults().catch(() => {});
  return every(1000, () => live.checked ? loadRequests() : null);
}
