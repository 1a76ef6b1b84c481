// Users: search by UserId prefix or name, page, export, delete chosen ones.
import { api, button, el, say, section, session, table, userLink, when } from './lib.js';

export function render(root, { appId }) {
  let next = null;
  const prefix = el('input', { id: 'prefix', autocomplete: 'off' });
  const name = el('input', { id: 'name', autocomplete: 'off' });
  const list = el('div');
  const more = button('Next page', () => load(true), { id: 'next-page', disabled: true });

  async function load(following) {
    const query = new URLSearchParams({ prefix: prefix.value, name: name.value, limit: '20' });
    if (following && next) query.set('after', next);
    const page = await api('GET', '/apps/' + appId + '/users?' + query);
    next = page.Next;
    more.disabled = !next;
    list.replaceChildren(table(['Select', 'UserId', 'UserName', 'UserAvatar', 'Extra', 'Updated'], page.Users.map(user => [
      el('input', { type: 'checkbox', value: user.UserId, 'aria-label': 'Select ' + user.UserId }),
      userLink(appId, user.UserId), user.UserName, user.UserAvatar, user.Extra, when(user.UpdatedAt),
    ]), 'users', 'Users'));
  }

  async function remove() {
    const ids = [...list.querySelectorAll('#users input:checked')].map(box => box.value);
    if (!ids.length) { say('Select users to delete first.'); return; }
    const result = await api('POST', '/apps/' + appId + '/users/delete', { UserIds: ids });
    say('Deleted ' + result.Count + ' users.');
    await load(false);
  }

  async function exportAs(format) {
    const response = await fetch('/admin/api/apps/' + appId + '/users/export?format=' + format, { headers: { Authorization: 'Bearer ' + session.token } });
    const link = el('a', { href: URL.createObjectURL(await response.blob()), download: 'users-' + appId + '.' + format });
    document.body.append(link);
    link.click();
    link.remove();
    say('Exported the users of app ' + appId + ' as ' + format + '.');
  }

  const search = el('form', { id: 'search', class: 'inline-form', role: 'search', onsubmit: e => { e.preventDefault(); load(false); } },
    el('label', { for: 'prefix' }, 'UserId starts with'), prefix, el('label', { for: 'name' }, 'Name contains'), name,
    el('button', { type: 'submit', class: 'primary' }, 'Search'));
  const tools = el('p', { class: 'toolbar' }, more, button('Delete selected', remove, { id: 'delete-users', class: 'danger' }),
    button('Export CSV', () => exportAs('csv'), { id: 'export-csv' }), button('Export JSON Lines', () => exportAs('jsonl'), { id: 'export-jsonl' }));
  root.append(section('Users', search, list, tools));
  load(false).catch(() => {});
}
