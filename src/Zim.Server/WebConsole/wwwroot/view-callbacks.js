// Callbacks: the app's recent deliveries to its callback URL, with their status.
import { absent, badge, el, every, note, read, section, table, userLink, when } from './lib.js';

const actions = { 0: 'online', 1: 'logout', 2: 'offline' };
const outcomes = { delivered: 'ok', retrying: 'warn', dropped: 'bad' };

export async function deliveries(appId, limit) {
  const found = await read('/apps/' + appId + '/callbacks?limit=' + limit);
  return found === absent ? [] : found;
}

export function deliveryTable(appId, list, compact) {
  if (!list.length) return note('No deliveries.');
  const headers = compact ? ['Time', 'Action', 'UserId', 'Outcome'] : ['Time', 'Event', 'Action', 'UserId', 'Session', 'Attempt', 'Status', 'Outcome', 'Error'];
  return table(headers, list.map(d => {
    const outcome = badge(d.Outcome, outcomes[d.Outcome] || 'muted');
    const action = actions[d.Action] ?? String(d.Action);
    return compact
      ? [when(d.Time), action, userLink(appId, d.UserId), outcome]
      : [when(d.Time), d.Event, action, userLink(appId, d.UserId), el('code', {}, d.SessionId), String(d.Attempt),
        d.Status === null ? '–' : String(d.Status), outcome, d.Error || ''];
  }), 'callbacks', 'Callback deliveries');
}

export function render(root, { appId }) {
  const list = el('div');
  root.append(section('Callback deliveries', el('p', { class: 'hint' },
    'The last 100 attempts to deliver this app\'s callbacks, newest first (this instance only).'), list));
  return every(5000, async () => list.replaceChildren(deliveryTable(appId, await deliveries(appId, 100), false)));
}
