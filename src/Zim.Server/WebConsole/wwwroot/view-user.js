// One user: profile, sessions, friends, pending friend applications and blocklist.
import { absent, api, badge, button, el, note, read, say, section, table, userLink, when } from './lib.js';
import { sessionTable } from './view-sessions.js';

const unavailable = () => note('Not available on this server.');

async function part(target, path, show) {
  try {
    const found = await read(path);
    target.replaceChildren(found === absent ? unavailable() : show(found));
  } catch (error) {
    target.replaceChildren(el('p', { class: 'error', role: 'alert' }, error.message));
  }
}

function profile(user) {
  const rows = [['UserId', user.UserId], ['UserName', user.UserName], ['UserAvatar', user.UserAvatar], ['Extra', user.Extra],
    ['Registered', when(user.CreatedAt)], ['Updated', when(user.UpdatedAt)]];
  return el('dl', { class: 'profile' }, ...rows.flatMap(([key, value]) => [el('dt', {}, key), el('dd', {}, value || '–')]));
}

const applicationStates = { 1: ['waiting', 'warn'], 2: ['accepted', 'ok'], 4: ['expired', 'muted'] };
const attributes = list => (list || []).map(a => a.Key + '=' + a.Value).join(', ');

function applicationTable(appId, items, label) {
  if (!items.length) return note('None ' + label.toLowerCase() + '.');
  return table(['From', 'To', 'Wording', 'Alias', 'State', 'Sent', 'Expires'], items.map(a => [
    userLink(appId, a.FromUserId), userLink(appId, a.ToUserId), a.Wording, a.FriendAlias, badge(...(applicationStates[a.State] || [String(a.State), 'muted'])),
    when(a.CreateTime), when(a.ExpireTime)]), null, label);
}

export function render(root, { appId, userId }) {
  const base = '/apps/' + appId + '/users/' + encodeURIComponent(userId);
  const [card, sessions, friends, applications, blocked] = [0, 1, 2, 3, 4].map(() => el('div', {}, note('Loading…')));

  async function loadProfile() {
    const page = await api('GET', '/apps/' + appId + '/users?' + new URLSearchParams({ prefix: userId, limit: '1' }));
    const user = page.Users.find(u => u.UserId === userId);
    card.replaceChildren(user ? profile(user) : note('No user ' + userId + ' is stored in this app.'),
      user ? el('p', { class: 'toolbar' }, button('Delete user', remove, { class: 'danger' })) : '');
  }
  async function remove() {
    if (!confirm('Delete user ' + userId + '? Its sessions, friends and blocks go with it.')) return;
    await api('POST', '/apps/' + appId + '/users/delete', { UserIds: [userId] });
    say('Deleted user ' + userId + '.');
    location.hash = '#/apps/' + appId + '/users';
  }
  const loadSessions = () => part(sessions, '/apps/' + appId + '/sessions?' + new URLSearchParams({ userId }),
    list => sessionTable(appId, list, loadSessions));

  root.append(
    el('div', { class: 'columns' }, section('Profile', card), section('Blocklist', blocked)),
    section('Sessions of the user', sessions),
    el('div', { class: 'columns' }, section('Friends', friends), section('Pending applications', applications)));
  loadProfile().catch(error => card.replaceChildren(el('p', { class: 'error' }, error.message)));
  loadSessions();
  part(friends, base + '/friends', f => f.Friends.length
    ? el('div', {}, el('p', { class: 'summary' }, f.TotalCount + (f.TotalCount === 1 ? ' friend' : ' friends') + (f.Next ? ', the first ' + f.Friends.length + ' shown' : '')),
      table(['UserId', 'UserName', 'Alias', 'Wording', 'Since', 'Attributes'], f.Friends.map(x => [
        userLink(appId, x.UserId), x.UserName, x.FriendAlias, x.Wording, when(x.CreateTime), attributes(x.Attributes)]), 'friends', 'Friends'))
    : note('No friends.'));
  part(applications, base + '/applications', a => el('div', {},
    el('h4', {}, 'Received'), applicationTable(appId, a.Received || [], 'Received'),
    el('h4', {}, 'Sent'), applicationTable(appId, a.Sent || [], 'Sent')));
  part(blocked, base + '/blocklist', b => b.Blacklist.length
    ? table(['UserId', 'UserName', 'Blocked'], b.Blacklist.map(x => [userLink(appId, x.UserId), x.UserName, when(x.UpdateTime)]), 'blocklist', 'Blocklist')
    : note('Blocks nobody.'));
}
