// Sessions: who is online (open sessions), and ending a session as a logout or a lost connection.
import { api, badge, button, el, every, note, say, section, table, userLink, when } from './lib.js';

const states = { open: ['online', 'ok'], offline: ['offline', 'warn'], logout: ['logged out', 'muted'] };

export function stateBadge(state) {
  const [text, kind] = states[state] || [state, 'muted'];
  return badge(text, kind);
}

/** A table of sessions, with buttons that end the open ones and then call `changed`. */
export function sessionTable(appId, sessions, changed) {
  if (!sessions.length) return note('No sessions.');
  const end = async (s, how) => {
    await api('DELETE', '/apps/' + appId + '/sessions/' + encodeURIComponent(s.SessionId) + '?how=' + how);
    say((how === 'logout' ? 'Logged out ' : 'Disconnected ') + s.UserId + ' (session ' + s.SessionId + ').');
    await changed();
  };
  return table(['State', 'UserId', 'UserName', 'Os', 'Logged in', 'Ended', 'Session', 'Actions'], sessions.map(s => [
    stateBadge(s.State), userLink(appId, s.UserId), s.UserName, s.Os, when(s.LoginTime), when(s.EndedAt), el('code', {}, s.SessionId),
    s.State === 'open' ? el('span', { class: 'actions' },
      button('Log out', () => end(s, 'logout'), { 'aria-label': 'Log out ' + s.UserId + ' session ' + s.SessionId }),
      button('Disconnect', () => end(s, 'offline'), { 'aria-label': 'Disconnect ' + s.UserId + ' session ' + s.SessionId })) : '',
  ]), 'sessions', 'Sessions');
}

export function render(root, { appId }) {
  const onlineOnly = el('input', { id: 'online-only', type: 'checkbox', onchange: () => load() });
  const summary = el('p', { class: 'summary', 'aria-live': 'polite' });
  const list = el('div');

  async function load() {
    const sessions = await api('GET', '/apps/' + appId + '/sessions?limit=500');
    const open = sessions.filter(s => s.State === 'open');
    const users = new Set(open.map(s => s.UserId));
    const count = (n, word) => n + ' ' + word + (n === 1 ? '' : 's');
    summary.textContent = count(users.size, 'user') + ' online in ' + count(open.length, 'open session') + '; ' + count(sessions.length, 'session') + ' listed.';
    list.replaceChildren(sessionTable(appId, onlineOnly.checked ? open : sessions, load));
  }

  root.append(section('Sessions', el('p', { class: 'toolbar' }, el('label', {}, onlineOnly, ' Only online')), summary, list));
  return every(5000, load);
}
