// Apps: the list, creating one (its secret shown once), rotating a secret, deleting an app.
import { api, button, el, say, section, table } from './lib.js';

export function render(root, context) {
  const list = el('div');
  const secret = el('div', { id: 'secret', class: 'secret', role: 'alert', hidden: true });
  const name = el('input', { id: 'new-name', autocomplete: 'off' });
  const qps = el('input', { id: 'new-qps', type: 'number', min: 0, value: 20 });
  const showSecret = text => { secret.hidden = false; secret.textContent = text; };

  async function load() {
    const apps = await context.loadApps();
    list.replaceChildren(table(['AppId', 'Name', 'QpsLimit', 'Users', 'Callback URL', 'Configured', 'Actions'], apps.map(app => [
      String(app.AppId), app.Name, String(app.QpsLimit), String(app.Users), app.CallbackUrl || '–', app.Configured ? 'yes' : 'no',
      el('span', { class: 'actions' },
        el('a', { class: 'button', href: '#/apps/' + app.AppId }, 'Open ' + app.AppId),
        button('Rotate secret', () => rotate(app), { 'aria-label': 'Rotate the secret of ' + app.AppId, disabled: app.Configured }),
        button('Delete', () => remove(app), { class: 'danger', 'aria-label': 'Delete app ' + app.AppId, disabled: app.Configured })),
    ]), 'apps', 'Apps'));
  }

  async function rotate(app) {
    if (!confirm('Rotate the secret of app ' + app.AppId + '? The old secret is still accepted for one hour.')) return;
    const rotated = await api('POST', '/apps/' + app.AppId + '/secret');
    showSecret('Rotated the secret of app ' + app.AppId + '. ServerSecret (shown once, keep it): ' + rotated.ServerSecret
      + '. The old one is accepted for one more hour.');
  }

  async function remove(app) {
    if (!confirm('Delete app ' + app.AppId + ' (' + app.Name + ') and all its ' + app.Users + ' users? This cannot be undone.')) return;
    await api('DELETE', '/apps/' + app.AppId);
    say('Deleted app ' + app.AppId + '.');
    await load();
  }

  const create = el('form', {
    id: 'create-app', class: 'inline-form', onsubmit: async event => {
      event.preventDefault();
      const app = await api('POST', '/apps', { Name: name.value || null, QpsLimit: Number(qps.value) });
      showSecret('Created app ' + app.AppId + '. ServerSecret (shown once, keep it): ' + app.ServerSecret);
      name.value = '';
      await load();
    },
  }, el('label', { for: 'new-name' }, 'Name'), name, el('label', { for: 'new-qps' }, 'QpsLimit'), qps,
  el('button', { type: 'submit', class: 'primary' }, 'Create app'));

  root.append(section('Apps served', list), section('Create an app', create, secret));
  load().catch(() => {});
}
