// DVC IAM portal for agency admins and federation operators. Signs in through realm dvc (client dvc-agency-portal,
// authorization code + PKCE S256), keeps the tokens in memory only, and calls the agency and registration APIs.
// Every value from the server is set as text (textContent), never as HTML.

const T = {
  de: {
    skip: 'Zum Inhalt springen', navLabel: 'Portal', navAgency: 'Meine Behörde', navRegistrations: 'Identitätsprovider',
    navNew: 'Identitätsprovider registrieren', navQueue: 'Freigaben', logout: 'Abmelden', loading: 'Wird geladen …', other: 'English',
    agency: 'Meine Behörde', agencyCol: 'Behörde', noAgency: 'Sie administrieren keine Behörde.', id: 'Kennung', name: 'Name', level: 'Ebene', state: 'Land',
    ags: 'AGS', contacts: 'Ansprechpersonen', domains: 'Domains', verified: 'bestätigt', unverified: 'nicht bestätigt',
    admins: 'Lokale Admin-Konten', username: 'Anmeldename', enabled: 'aktiv', retired: 'stillgelegt', retire: 'Stilllegen',
    invitations: 'Einladungen', email: 'E-Mail-Adresse', status: 'Status', invitedBy: 'Eingeladen von', expires: 'Gültig bis',
    revoke: 'Zurückziehen', invite: 'Weitere Person einladen', inviteName: 'Name der eingeladenen Person', send: 'Einladung senden',
    invited: 'Einladung erstellt. Link (nur jetzt sichtbar): ', mailSent: 'Die E-Mail wurde versendet.', none: 'Keine.',
    registrations: 'Identitätsprovider', alias: 'Alias', protocol: 'Protokoll', regState: 'Zustand', certificate: 'Zertifikat bis',
    lastRefresh: 'Letzte Prüfung', report: 'Prüfbericht', noFindings: 'Keine Befunde.', fix: 'Behebung', configure: 'Bei Ihrem Identitätsprovider einzutragen',
    testLogin: 'Testanmeldung öffnen', proofs: 'Domain-Nachweis', txt: 'TXT-Eintrag', value: 'Wert', file: 'Datei', proven: 'nachgewiesen',
    checkNow: 'Jetzt prüfen', history: 'Verlauf', time: 'Zeit', action: 'Aktion', actor: 'Durch', reason: 'Begründung',
    approve: 'Freigeben', suspend: 'Sperren', reactivate: 'Wieder aktivieren', retireReg: 'Ablehnen / stilllegen', withdraw: 'Zurückziehen',
    reasonLabel: 'Begründung (bei Ablehnung erforderlich)', trust: 'Vertrauensrelevante Einstellungen', queue: 'Wartet auf Freigabe',
    newTitle: 'Identitätsprovider registrieren', metadataUrl: 'Metadaten-URL (SAML)', metadataFile: 'oder Metadaten-Datei (SAML)',
    issuer: 'Issuer (OIDC)', clientId: 'Client-ID bei Ihrem Provider (OIDC)', clientSecret: 'Client-Secret (OIDC)',
    domainsHelp: 'Eine Domain pro Zeile, z. B. musterstadt.de', profile: 'Attributprofil', maxAssurance: 'Höchstes Vertrauensniveau',
    submit: 'Registrieren', done: 'Erledigt.', failed: 'Nicht möglich: ', signIn: 'Anmeldung …', errorPage: 'Fehler', back: 'Zurück zur Liste',
    total: 'Anzahl', open: 'Öffnen', navAudit: 'Protokoll', audit: 'Protokoll der letzten 7 Tage', type: 'Art', outcome: 'Ergebnis',
    changeTitle: 'Änderung beantragen (braucht eine neue Freigabe)', requestChange: 'Änderung beantragen', withdrawChange: 'Antrag zurückziehen',
    approveChange: 'Änderung freigeben', profileOverrides: 'Profil-Anpassungen', acrTable: 'acr-Tabelle',
    navCreate: 'Behörde anlegen', createTitle: 'Behörde anlegen', contactName: 'Name der Ansprechperson', contactEmail: 'E-Mail der Ansprechperson',
    idHelp: 'Kleinbuchstaben, Ziffern und Bindestriche, z. B. musterstadt', create: 'Anlegen', agsHelp: '8 Ziffern (Gemeinde) oder 5 (Kreis)',
    e_invalid_request: 'Die Angaben sind unvollständig oder fehlerhaft; es wurde nichts geändert.', e_invalid_registration: 'Die Registrierung hat Fehler; es wurde nichts gespeichert.', e_invalid_metadata: 'Die Metadaten haben Fehler; es wurde nichts geändert.', e_invalid_change: 'Die Änderung hat Fehler; es wurde nichts gespeichert.',
    e_forbidden: 'Dazu sind Sie nicht berechtigt.', e_not_found: 'Nicht gefunden.', e_unknown_agency: 'Diese Behörde gibt es nicht.',
    e_conflict: 'Das ist im jetzigen Zustand nicht möglich.', e_alias_taken: 'Dieser Alias ist schon vergeben.', e_domain_taken: 'Eine Domain gehört einer anderen Behörde.',
    e_agency_taken: 'Diese Behörde gibt es schon.', e_change_pending: 'Es wartet schon eine Änderung auf Freigabe.', e_change_mismatch: 'Der Antrag hat sich inzwischen geändert; bitte laden Sie die Seite neu.',
    e_key_change_needs_operator: 'Ein neuer Signaturschlüssel braucht die Freigabe des Föderationsbetriebs.', e_own_account: 'Ihr eigenes Konto können Sie hier nicht stilllegen.',
    e_admin_retired: 'Dieses Konto ist bereits stillgelegt.', e_adopted: 'Diese Registrierung wird über die Föderationsdateien verwaltet.', e_other: 'Nicht möglich.',
    updateMetadataTitle: 'Neue Metadaten', updateMetadata: 'Metadaten übernehmen', updateMetadataHelp: 'Wird sofort geprüft; ein neuer Signaturschlüssel wartet auf den Föderationsbetrieb.',
    updateSecretTitle: 'Neues Client-Secret', updateSecret: 'Secret ersetzen', secretHelp: 'Das Secret, das Ihr Provider für DVC IAM ausgestellt hat; es wird nie wieder angezeigt.',
    resetFactor: 'Zweiten Faktor zurücksetzen', factorReset: 'Zurückgesetzt: Bei der nächsten Anmeldung richtet die Person eine neue Authenticator-App ein.',
    bindSecretTitle: 'Neues Passwort des Dienstkontos', bindSecret: 'Passwort des Dienstkontos (bindDn)', bindSecretHelp: 'Erst nach einer erfolgreichen Anmeldung des Dienstkontos übernommen; es wird nie wieder angezeigt.',
    e_invalid_directory: 'Die Verzeichnis-Einstellungen haben Fehler; es wurde nichts geändert.', e_directory_change_needs_operator: 'Diese Änderung braucht den Föderationsbetrieb.',
    detail: 'Einzelheiten (englisch): ', aliasHelp: 'Optional; ohne Angabe: Behördenkennung-Protokoll, z. B. musterstadt-saml', aliasLabel: 'Alias (optional)',
    user: 'Person', service: 'Dienst', level: 'Ebene', pending: 'Beantragte Änderung (wartet auf Freigabe)', acr: 'Vertrauensniveau', protocolHelp: 'SAML 2.0 (z. B. ADFS, Shibboleth) oder OpenID Connect (z. B. Entra ID, Keycloak)',
  },
  en: {
    skip: 'Skip to content', navLabel: 'Portal', navAgency: 'My agency', navRegistrations: 'Identity providers',
    navNew: 'Register an identity provider', navQueue: 'Approvals', logout: 'Sign out', loading: 'Loading …', other: 'Deutsch',
    agency: 'My agency', agencyCol: 'Agency', noAgency: 'You administer no agency.', id: 'Id', name: 'Name', level: 'Level', state: 'State',
    ags: 'AGS', contacts: 'Contacts', domains: 'Domains', verified: 'verified', unverified: 'not verified',
    admins: 'Local admin accounts', username: 'Sign-in name', enabled: 'active', retired: 'retired', retire: 'Retire',
    invitations: 'Invitations', email: 'Email address', status: 'Status', invitedBy: 'Invited by', expires: 'Valid until',
    revoke: 'Revoke', invite: 'Invite another person', inviteName: 'Name of the invited person', send: 'Send invitation',
    invited: 'Invitation created. Link (shown only now): ', mailSent: 'The mail was sent.', none: 'None.',
    registrations: 'Identity providers', alias: 'Alias', protocol: 'Protocol', regState: 'State', certificate: 'Certificate until',
    lastRefresh: 'Last check', report: 'Validation report', noFindings: 'No findings.', fix: 'Fix', configure: 'To configure at your identity provider',
    testLogin: 'Open the test login', proofs: 'Domain proof', txt: 'TXT record', value: 'Value', file: 'File', proven: 'proven',
    checkNow: 'Check now', history: 'History', time: 'Time', action: 'Action', actor: 'By', reason: 'Reason',
    approve: 'Approve', suspend: 'Suspend', reactivate: 'Reactivate', retireReg: 'Refuse / retire', withdraw: 'Withdraw',
    reasonLabel: 'Reason (required to refuse)', trust: 'Trust-relevant settings', queue: 'Waiting for approval',
    newTitle: 'Register an identity provider', metadataUrl: 'Metadata URL (SAML)', metadataFile: 'or metadata file (SAML)',
    issuer: 'Issuer (OIDC)', clientId: 'Client id at your provider (OIDC)', clientSecret: 'Client secret (OIDC)',
    domainsHelp: 'One domain per line, e.g. musterstadt.de', profile: 'Attribute profile', maxAssurance: 'Highest assurance level',
    submit: 'Register', done: 'Done.', failed: 'Not possible: ', signIn: 'Signing in …', errorPage: 'Error', back: 'Back to the list',
    total: 'Count', open: 'Open', navAudit: 'Audit trail', audit: 'Audit trail of the last 7 days', type: 'Type', outcome: 'Outcome',
    changeTitle: 'Request a change (needs a new approval)', requestChange: 'Request the change', withdrawChange: 'Withdraw the request',
    approveChange: 'Approve the change', profileOverrides: 'Profile overrides', acrTable: 'acr table',
    navCreate: 'Create an agency', createTitle: 'Create an agency', contactName: 'Contact name', contactEmail: 'Contact email',
    idHelp: 'Lower-case letters, digits and hyphens, e.g. musterstadt', create: 'Create', agsHelp: '8 digits (municipality) or 5 (district)',
    e_invalid_request: 'The request is incomplete or wrong; nothing was changed.', e_invalid_registration: 'The registration has errors; nothing was stored.', e_invalid_metadata: 'The metadata has errors; nothing was changed.', e_invalid_change: 'The change has errors; nothing was stored.',
    e_forbidden: 'You are not allowed to do this.', e_not_found: 'Not found.', e_unknown_agency: 'There is no such agency.',
    e_conflict: 'Not possible in the current state.', e_alias_taken: 'This alias is taken.', e_domain_taken: 'A domain belongs to another agency.',
    e_agency_taken: 'This agency exists already.', e_change_pending: 'A change is already waiting for approval.', e_change_mismatch: 'The request changed in the meantime; please reload the page.',
    e_key_change_needs_operator: 'A new signing key needs the federation operators\' approval.', e_own_account: 'You cannot retire your own account here.',
    e_admin_retired: 'This account is retired already.', e_adopted: 'This registration is managed through the federation files.', e_other: 'Not possible.',
    updateMetadataTitle: 'New metadata', updateMetadata: 'Apply the metadata', updateMetadataHelp: 'Checked at once; a new signing key waits for the federation operators.',
    updateSecretTitle: 'New client secret', updateSecret: 'Replace the secret', secretHelp: 'The secret your provider issued to DVC IAM; it is never shown again.',
    resetFactor: 'Reset second factor', factorReset: 'Reset: at the next sign-in the person sets up a new authenticator app.',
    bindSecretTitle: 'New service account password', bindSecret: 'Service account password (bindDn)', bindSecretHelp: 'Taken only after the service account binds with it; it is never shown again.',
    e_invalid_directory: 'The directory settings have errors; nothing was changed.', e_directory_change_needs_operator: 'This change needs the federation operators.',
    detail: 'Details: ', aliasHelp: 'Optional; if empty: agency id-protocol, e.g. musterstadt-saml', aliasLabel: 'Alias (optional)',
    user: 'Person', service: 'Service', level: 'Level', pending: 'Requested change (waiting for approval)', acr: 'Assurance', protocolHelp: 'SAML 2.0 (e.g. ADFS, Shibboleth) or OpenID Connect (e.g. Entra ID, Keycloak)',
  },
};

const CLIENT = 'dvc-agency-portal';
const realmUrl = location.origin + location.pathname.replace(/\/dvc-portal\/.*$/, '');
const portalUrl = location.origin + location.pathname.replace(/[^/]*$/, '');
let lang = (localStorage.getItem('dvc-portal-lang') || navigator.language || 'de').slice(0, 2) === 'en' ? 'en' : 'de';
let token = null;
let me = null;
const t = key => T[lang][key] || key;

// ---------- DOM helpers: text only ----------
function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === false || value === null || value === undefined) continue;
    if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined) node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}
const view = () => document.getElementById('view');
function show(title, ...content) {
  document.getElementById('title').textContent = title;
  document.title = title + ' – DVC IAM';
  view().replaceChildren(...content);
  document.getElementById('main').focus();
}
function say(...parts) { document.getElementById('status').replaceChildren(...parts.flat().filter(p => p !== null && p !== undefined && p !== '')); }
// What went wrong, from an API error body: a sentence in the page's language (by the error code), then the server's
// own message, which is English (marked as such, so a screen reader pronounces it right).
function problem(body) {
  const lead = T[lang]['e_' + (body && body.error)] || t('e_other');
  const detail = body && body.message;
  return detail ? [lead + ' ', el('span', { lang: 'en' }, (lang === 'en' ? '' : t('detail')) + detail)] : [lead];
}
// A table scrolls sideways inside its own region on narrow screens: the region takes the keyboard focus (arrow keys).
function table(headers, rows) {
  if (rows.length === 0) return el('p', {}, t('none'));
  return el('div', { class: 'table-wrap', role: 'region', tabindex: '0', 'aria-label': headers.filter(Boolean).join(', ') },
    el('table', {}, el('thead', {}, el('tr', {}, headers.map(h => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, rows.map(cells => el('tr', {}, cells.map(c => el('td', {}, c)))))));
}
function dl(pairs) {
  return el('dl', {}, pairs.filter(([, v]) => v !== undefined && v !== null && v !== '').flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, v)]));
}
const date = iso => iso ? new Date(iso).toLocaleString(lang === 'de' ? 'de-DE' : 'en-GB') : '';

// ---------- sign-in: authorization code + PKCE ----------
const b64url = bytes => btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
async function signIn() {
  const verifier = b64url(crypto.getRandomValues(new Uint8Array(32)));
  const state = b64url(crypto.getRandomValues(new Uint8Array(16)));
  const challenge = b64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  sessionStorage.setItem('dvc-portal-pkce', JSON.stringify({ verifier, state, hash: location.hash }));
  location.assign(realmUrl + '/protocol/openid-connect/auth?' + new URLSearchParams({ client_id: CLIENT, response_type: 'code',
    scope: 'openid', redirect_uri: portalUrl, state, code_challenge: challenge, code_challenge_method: 'S256', ui_locales: lang }));
}
async function finishSignIn() {
  const params = new URLSearchParams(location.search);
  if (!params.has('code') && !params.has('error')) return false; // not back from the sign-in: keep the address as it is
  const saved = JSON.parse(sessionStorage.getItem('dvc-portal-pkce') || '{}');
  sessionStorage.removeItem('dvc-portal-pkce');
  history.replaceState(null, '', portalUrl + (saved.hash || '#/agency'));
  if (!params.get('code') || params.get('state') !== saved.state) return false;
  const response = await fetch(realmUrl + '/protocol/openid-connect/token', { method: 'POST',
    body: new URLSearchParams({ grant_type: 'authorization_code', client_id: CLIENT, code: params.get('code'),
      redirect_uri: portalUrl, code_verifier: saved.verifier }) });
  if (!response.ok) return false;
  token = (await response.json()).access_token;
  return true;
}

// ---------- API ----------
async function api(method, path, body) {
  const response = await fetch(realmUrl + path, { method, headers: { Authorization: 'Bearer ' + token,
    ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) }, body: body === undefined ? undefined : JSON.stringify(body) });
  if (response.status === 401) { await signIn(); throw new Error('signing in'); }
  const text = await response.text();
  return { status: response.status, ok: response.ok, body: text ? JSON.parse(text) : {} };
}

// A form field with its label, hint and error slot; errors() marks the fields the API named.
function field(id, label, input, hint) {
  input.id = id;
  const described = [];
  const parts = [el('label', { for: id }, label)];
  if (hint) { parts.push(el('p', { class: 'hint', id: id + '-hint' }, hint)); described.push(id + '-hint'); }
  parts.push(input, el('p', { class: 'error', id: id + '-error', hidden: true }));
  if (described.length) input.setAttribute('aria-describedby', described.join(' '));
  return el('div', { class: 'field' }, parts);
}
// An error body whose report's errors are folded into its message, for a form that has no field for them.
function withFindings(body) {
  const findings = ((body.report || {}).findings || []).filter(f => f.severity === 'error').map(f => f.code + ': ' + f.message + ' ' + (f.fix || ''));
  return findings.length && !body.fields ? { ...body, message: [body.message, ...findings].join(' ') } : body;
}
function errors(form, body) {
  form.querySelectorAll('.error').forEach(e => { e.hidden = true; e.textContent = ''; });
  form.querySelectorAll('[aria-invalid]').forEach(i => i.removeAttribute('aria-invalid'));
  let first = null;
  for (const [name, message] of Object.entries(body.fields || {})) {
    const input = form.querySelector('[data-field="' + CSS.escape(name) + '"]');
    if (!input) continue;
    const slot = document.getElementById(input.id + '-error');
    slot.textContent = message; slot.hidden = false;
    if (lang !== 'en') slot.lang = 'en';
    input.setAttribute('aria-invalid', 'true');
    input.setAttribute('aria-describedby', [input.getAttribute('aria-describedby'), slot.id].filter(Boolean).join(' '));
    first = first || input;
  }
  if (first) { say(T[lang]['e_' + body.error] || t('e_other')); first.focus(); } else say(problem(body));
}

// ---------- pages ----------
async function agencyPage(id = me.agency) {
  if (!id) return show(t('agency'), el('p', {}, t('noAgency')));
  const [agency, invitations] = await Promise.all([api('GET', '/dvc-agencies/' + encodeURIComponent(id)),
    api('GET', '/dvc-agencies/' + encodeURIComponent(id) + '/invitations')]);
  if (!agency.ok) return show(t('agency'), el('p', {}, problem(agency.body)));
  const a = agency.body;
  const email = el('input', { type: 'email', autocomplete: 'off', 'data-field': 'email', required: true });
  const name = el('input', { type: 'text', autocomplete: 'off', 'data-field': 'name', required: true });
  const form = el('form', { novalidate: true, id: 'invite-form' }, field('invite-email', t('email'), email), field('invite-name', t('inviteName'), name),
    el('div', { class: 'actions' }, el('button', { type: 'submit', id: 'invite-send' }, t('send'))));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const answer = await api('POST', '/dvc-agencies/' + encodeURIComponent(id) + '/invitations', { email: email.value, name: name.value });
    if (!answer.ok) return errors(form, answer.body);
    await agencyPage(id);
    say(t('invited') + answer.body.link + (answer.body.mail === 'sent' ? ' ' + t('mailSent') : ''));
  });
  show((id === me.agency ? t('agency') + ': ' : '') + a.name,
    dl([[t('id'), a.id], [t('level'), a.level], [t('state'), a.state], [t('ags'), a.ags]]),
    el('h2', {}, t('contacts')), table([t('name'), t('email')], (a.contacts || []).map(c => [c.name, c.email])),
    el('h2', {}, t('domains')), table([t('domains'), t('status')], (a.domains || []).map(d => [d.name, d.verified ? t('verified') : t('unverified')])),
    el('h2', {}, t('admins')), table([t('name'), t('username'), t('status'), ''], (a.localAdmins || []).map(u => [u.name, u.username,
      u.enabled ? t('enabled') : t('retired'), u.enabled ? el('div', { class: 'actions' },
        el('button', { type: 'button', class: 'secondary', 'aria-label': t('resetFactor') + ': ' + u.username,
          onclick: async () => { const r = await api('POST', '/dvc-agencies/' + encodeURIComponent(id) + '/admins/' + u.id + '/second-factor-reset'); r.ok ? (await agencyPage(id), say(t('factorReset'))) : say(problem(r.body)); } }, t('resetFactor')),
        el('button', { type: 'button', class: 'secondary', 'aria-label': t('retire') + ': ' + u.username,
          onclick: async () => { const r = await api('DELETE', '/dvc-agencies/' + encodeURIComponent(id) + '/admins/' + u.id); r.ok ? (await agencyPage(id), say(t('done'))) : say(problem(r.body)); } }, t('retire'))) : ''])),
    el('h2', {}, t('invitations')), table([t('name'), t('email'), t('status'), t('invitedBy'), t('expires'), ''],
      (invitations.body.invitations || []).map(i => [i.name, i.email, i.status, i.invitedBy, date(i.expires),
        i.status === 'pending' ? el('button', { type: 'button', class: 'secondary', 'aria-label': t('revoke') + ': ' + i.email,
          onclick: async () => { const r = await api('DELETE', '/dvc-agencies/' + encodeURIComponent(id) + '/invitations/' + i.id); r.ok ? (await agencyPage(id), say(t('done'))) : say(problem(r.body)); } }, t('revoke')) : ''])),
    el('h2', {}, t('invite')), form);
}

async function registrationsPage(state) {
  const query = new URLSearchParams({ limit: '100' });
  if (state) query.set('state', state);
  else if (!me.operator && me.agency) query.set('agency', me.agency);
  const answer = await api('GET', '/dvc-registrations?' + query);
  if (!answer.ok) return show(t('registrations'), el('p', {}, problem(answer.body)));
  show(state ? t('queue') : t('registrations'), el('p', {}, t('total') + ': ' + answer.body.total),
    table([t('alias'), t('agencyCol'), t('protocol'), t('regState'), t('certificate'), t('lastRefresh')], answer.body.registrations.map(r =>
      [el('a', { href: '#/registration/' + encodeURIComponent(r.alias) }, r.alias), r.agency, r.protocol, r.state, date(r.certificateExpiry), r.lastRefresh || ''])));
}

async function registrationPage(alias) {
  const answer = await api('GET', '/dvc-registrations/' + encodeURIComponent(alias));
  if (!answer.ok) return show(alias, el('p', {}, problem(answer.body)));
  const r = answer.body;
  const findings = (r.report && r.report.findings) || [];
  const parts = [
    dl([[t('agencyCol'), r.agency], [t('protocol'), r.protocol], [t('regState'), r.state], ['entityID / Issuer', r.entityId],
      [t('certificate'), date(r.certificateExpiry)], [t('lastRefresh'), r.lastRefresh]]),
    el('h2', {}, t('report')),
    findings.length === 0 ? el('p', {}, t('noFindings')) : el('ul', {}, findings.map(f => el('li', { class: f.severity === 'error' ? 'finding-error' : '' },
      el('strong', {}, f.severity + ' ' + f.code + ': '), f.message, f.fix ? el('br') : null, f.fix ? t('fix') + ': ' + f.fix : null))),
    el('h2', {}, t('configure')),
    dl(Object.entries(r.configureAtYourIdp || {}).filter(([k]) => k !== 'release').map(([k, v]) => [k, typeof v === 'string' && v.startsWith('http') ? el('a', { href: v }, v) : String(v)])),
    table([t('name'), t('value'), ''], Object.entries((r.configureAtYourIdp || {}).release || {}).map(([k, v]) => [k, v.attributes.join(', '), v.required ? '*' : ''])),
  ];
  if (r.testLogin) parts.push(el('p', {}, el('a', { href: r.testLogin, target: '_blank', rel: 'noopener' }, t('testLogin'))));
  if (r.domainProofs) {
    const check = el('button', { type: 'button', id: 'check-proofs' }, t('checkNow'));
    check.addEventListener('click', async () => {
      const proofs = await api('POST', '/dvc-registrations/' + encodeURIComponent(alias) + '/domain-proofs');
      await registrationPage(alias);
      say(proofs.ok ? (proofs.body.checked || []).map(c => c.domain + ': ' + (c.proven ? t('proven') : (c.problem || '-'))).join('; ') : problem(proofs.body));
    });
    parts.push(el('h2', {}, t('proofs')), table([t('domains'), t('txt'), t('value'), t('file'), t('status')], r.domainProofs.map(p =>
      [p.domain, el('code', {}, p.txtRecord), el('code', {}, p.txtValue), el('code', {}, p.wellKnownUrl), p.proven ? t('proven') : '-'])), check);
  }
  if (r.pendingChange) parts.push(el('h2', {}, t('pending')), dl(Object.entries(r.pendingChange).map(([k, v]) =>
    [k, k === 'time' ? date(v) : Array.isArray(v) ? v.join(', ') : String(v)])));
  if (r.trust) parts.push(el('h2', {}, t('trust')), dl(Object.entries(r.trust).map(([k, v]) => [k, typeof v === 'object' ? JSON.stringify(v) : String(v)])));
  parts.push(el('h2', {}, t('history')), table([t('time'), t('action'), t('regState'), t('actor'), t('reason')],
    (r.history || []).slice().reverse().map(h => [date(h.time), h.action, [h.from, h.to].filter(Boolean).join(' → '), h.actorName || h.actor, h.reason || ''])));
  const reason = el('textarea', { 'data-field': 'reason' });
  const actions = [];
  const act = (action, label) => actions.push(el('button', { type: 'button', class: action === 'approve' ? '' : 'secondary', onclick: async () => {
    const answer2 = await api('POST', '/dvc-registrations/' + encodeURIComponent(alias) + '/transitions', { action, reason: reason.value || undefined });
    if (answer2.ok) { await registrationPage(alias); say(t('done')); } else say(problem(answer2.body));
  } }, label));
  if (me.operator && r.state === 'tested') act('approve', t('approve'));
  if (me.operator && r.state === 'active') act('suspend', t('suspend'));
  if (me.operator && r.state === 'suspended') act('reactivate', t('reactivate'));
  if (me.operator && r.state !== 'retired') act('retire', t('retireReg'));
  if (!me.operator && r.state !== 'retired') act('withdraw', t('withdraw'));
  if (r.pendingChange) {
    const pendingActions = [];
    if (me.operator) pendingActions.push(el('button', { type: 'button', id: 'approve-change', onclick: async () => {
      const answer3 = await api('POST', '/dvc-registrations/' + encodeURIComponent(alias) + '/changes/approve', { reviewed: r.pendingChange.time });
      if (answer3.ok) { await registrationPage(alias); say(t('done')); } else say(problem(answer3.body));
    } }, t('approveChange')));
    if (!me.operator) pendingActions.push(el('button', { type: 'button', class: 'secondary', id: 'withdraw-change', onclick: async () => {
      const answer3 = await api('DELETE', '/dvc-registrations/' + encodeURIComponent(alias) + '/changes');
      if (answer3.ok) { await registrationPage(alias); say(t('done')); } else say(problem(answer3.body));
    } }, t('withdrawChange')));
    parts.push(el('div', { class: 'actions' }, pendingActions));
  } else if (!me.operator && (r.state === 'active' || r.state === 'tested' || r.state === 'suspended')) {
    // A change of what the registration is trusted for: kept apart until another person approves it.
    const trust = r.trust || {};
    const domains = el('textarea', { 'data-field': 'domains' }, (trust.assertableDomains || r.domains || []).join('\n'));
    const profiles = r.protocol === 'ldap' ? ['ldap-ad', 'ldap-inetorgperson'] : ['saml-oid', 'adfs', 'pvp', 'oidc', 'entra', 'ad'];
    const profile = el('select', { 'data-field': 'profile' }, profiles.map(p =>
      el('option', { value: p, selected: p === trust.profile }, p)));
    const assurance = el('select', { 'data-field': 'maxAssurance' }, ['normal', 'substantiell', 'hoch'].map(p =>
      el('option', { value: p, selected: p === trust.maxAssurance }, p)));
    const change = el('form', { id: 'change-form', novalidate: true }, field('change-domains', t('domains'), domains, t('domainsHelp')),
      field('change-profile', t('profile'), profile), field('change-assurance', t('maxAssurance'), assurance),
      el('div', { class: 'actions' }, el('button', { type: 'submit', id: 'request-change' }, t('requestChange'))));
    change.addEventListener('submit', async event => {
      event.preventDefault();
      const request = {};
      const wanted = domains.value.split(/\s+/).filter(Boolean);
      if (wanted.join(' ') !== (trust.assertableDomains || r.domains || []).join(' ')) request.domains = wanted;
      if (profile.value !== trust.profile) request.profile = profile.value;
      if (assurance.value !== trust.maxAssurance) request.maxAssurance = assurance.value;
      const answer3 = await api('POST', '/dvc-registrations/' + encodeURIComponent(alias) + '/changes', request);
      if (answer3.ok) { await registrationPage(alias); say(t('done')); return; }
      errors(change, withFindings(answer3.body));
    });
    parts.push(el('h2', {}, t('changeTitle')), change);
  }
  if (r.state !== 'retired') parts.push(...sourceForms(alias, r));
  if (actions.length) parts.push(el('form', { id: 'transition-form', novalidate: true, onsubmit: e => e.preventDefault() },
    field('transition-reason', t('reasonLabel'), reason), el('div', { class: 'actions' }, actions)));
  parts.push(el('p', {}, el('a', { href: '#/registrations' }, t('back'))));
  show(r.alias, ...parts);
}

// New metadata (SAML: URL or file) or a new client secret (OIDC): applied at once after validation; a new signing key
// waits for a federation operator. Errors at the field, nothing changed.
function sourceForms(alias, r) {
  const base = '/dvc-registrations/' + encodeURIComponent(alias);
  if (r.protocol === 'saml') {
    const url = el('input', { type: 'url', 'data-field': 'metadataUrl' });
    const file = el('input', { type: 'file', accept: '.xml,application/samlmetadata+xml,text/xml', 'data-field': 'metadataXml' });
    const form = el('form', { id: 'metadata-form', novalidate: true }, field('update-metadata-url', t('metadataUrl'), url, t('updateMetadataHelp')),
      field('update-metadata-file', t('metadataFile'), file), el('div', { class: 'actions' }, el('button', { type: 'submit', id: 'update-metadata' }, t('updateMetadata'))));
    form.addEventListener('submit', async event => {
      event.preventDefault();
      const request = file.files.length ? { metadataXml: await file.files[0].text() } : { metadataUrl: url.value.trim() };
      const answer = await api('PUT', base + '/metadata', request);
      if (answer.ok) { await registrationPage(alias); say(t('done') + ' ' + (answer.body.update || '')); return; }
      errors(form, withFindings(answer.body));
    });
    return [el('h2', {}, t('updateMetadataTitle')), form];
  }
  if (r.protocol === 'ldap') {
    // The service account's new password: the stored settings with the new secret, checked by a bind before it counts.
    const bind = el('input', { type: 'password', autocomplete: 'off', 'data-field': 'directory.bindSecret' });
    const form = el('form', { id: 'bind-secret-form', novalidate: true }, field('update-bind-secret', t('bindSecret'), bind, t('bindSecretHelp')),
      el('div', { class: 'actions' }, el('button', { type: 'submit', id: 'update-bind-secret-submit' }, t('updateSecret'))));
    form.addEventListener('submit', async event => {
      event.preventDefault();
      const answer = await api('PUT', base + '/directory', { directory: { ...((r.trust || {}).directory || {}), bindSecret: bind.value } });
      if (answer.ok) { await registrationPage(alias); say(t('done')); return; }
      errors(form, { ...answer.body, fields: { 'directory.bindSecret': Object.values(answer.body.fields || {}).join(' ') || answer.body.message } });
    });
    return [el('h2', {}, t('bindSecretTitle')), form];
  }
  if (r.protocol !== 'oidc') return [];
  const secret = el('input', { type: 'password', autocomplete: 'off', 'data-field': 'clientSecret' });
  const form = el('form', { id: 'secret-form', novalidate: true }, field('update-client-secret', t('clientSecret'), secret, t('secretHelp')),
    el('div', { class: 'actions' }, el('button', { type: 'submit', id: 'update-secret' }, t('updateSecret'))));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const answer = await api('PUT', base + '/client-secret', { clientSecret: secret.value });
    if (answer.ok) { await registrationPage(alias); say(t('done')); return; }
    errors(form, answer.body);
  });
  return [el('h2', {}, t('updateSecretTitle')), form];
}

async function auditPage() {
  const query = new URLSearchParams({ from: new Date(Date.now() - 7 * 86400000).toISOString(), limit: '100' });
  if (!me.operator && me.agency) query.set('agency', me.agency);
  const answer = await api('GET', '/dvc-audit/events?' + query);
  if (!answer.ok) return show(t('audit'), el('p', {}, problem(answer.body)));
  show(t('audit'), table([t('time'), t('type'), t('outcome'), t('user'), t('agencyCol'), 'IdP', t('service'), t('acr'), t('actor')],
    (answer.body.events || []).map(e => [date(e.time), e.type, e.outcome + (e.reason ? ' (' + e.reason + ')' : ''), e.agencyUser || e.user || '',
      e.agency || '', e.idp || '', e.service || '', e.acr || '', e.actor || ''])));
}

function createAgencyPage() {
  const input = (field, type = 'text') => el('input', { type, autocomplete: 'off', 'data-field': field });
  const id = input('id'); const name = input('name'); const state = input('state'); const ags = input('ags');
  const level = el('select', { 'data-field': 'level' }, ['municipal', 'state', 'federal', 'other'].map(v => el('option', { value: v }, v)));
  const contactName = input('contacts[0].name'); const contactEmail = input('contacts[0].email', 'email');
  const form = el('form', { id: 'create-agency-form', novalidate: true }, field('agency-id', t('id'), id, t('idHelp')), field('agency-name', t('name'), name),
    field('agency-level', t('level'), level), field('agency-state', t('state'), state, 'DE-BY, DE-NW, …'), field('agency-ags', t('ags'), ags, t('agsHelp')),
    field('agency-contact-name', t('contactName'), contactName), field('agency-contact-email', t('contactEmail'), contactEmail),
    el('div', { class: 'actions' }, el('button', { type: 'submit', id: 'create-agency' }, t('create'))));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const request = { id: id.value.trim(), name: name.value, level: level.value, contacts: [{ name: contactName.value, email: contactEmail.value }] };
    if (state.value.trim()) request.state = state.value.trim();
    if (ags.value.trim()) request.ags = ags.value.trim();
    const answer = await api('POST', '/dvc-agencies', request);
    if (!answer.ok) return errors(form, answer.body);
    location.hash = '#/agency/' + encodeURIComponent(answer.body.id);
  });
  show(t('createTitle'), form);
}

function newRegistrationPage() {
  const protocol = el('select', { 'data-field': 'protocol' }, el('option', { value: 'saml' }, 'SAML 2.0'), el('option', { value: 'oidc' }, 'OpenID Connect'));
  const metadataUrl = el('input', { type: 'url', 'data-field': 'metadataUrl' });
  const metadataFile = el('input', { type: 'file', accept: '.xml,application/samlmetadata+xml,text/xml', 'data-field': 'metadataXml' });
  const issuer = el('input', { type: 'url', 'data-field': 'issuer' });
  const clientId = el('input', { type: 'text', 'data-field': 'clientId', autocomplete: 'off' });
  const clientSecret = el('input', { type: 'password', 'data-field': 'clientSecret', autocomplete: 'off' });
  const domains = el('textarea', { 'data-field': 'domains' });
  const alias = el('input', { type: 'text', 'data-field': 'alias', autocomplete: 'off' });
  const profile = el('select', { 'data-field': 'profile' }, ['saml-oid', 'adfs', 'pvp', 'oidc', 'entra', 'ad'].map(p => el('option', { value: p }, p)));
  const assurance = el('select', { 'data-field': 'maxAssurance' }, ['normal', 'substantiell', 'hoch'].map(p => el('option', { value: p }, p)));
  const samlFields = [field('reg-metadata-url', t('metadataUrl'), metadataUrl), field('reg-metadata-file', t('metadataFile'), metadataFile)];
  const oidcFields = [field('reg-issuer', t('issuer'), issuer), field('reg-client-id', t('clientId'), clientId),
    field('reg-client-secret', t('clientSecret'), clientSecret)];
  // Only the chosen protocol's fields are shown; the profile follows the protocol unless chosen otherwise.
  const protocolChanged = () => {
    samlFields.forEach(f => { f.hidden = protocol.value !== 'saml'; });
    oidcFields.forEach(f => { f.hidden = protocol.value !== 'oidc'; });
    if (!profile.dataset.chosen) profile.value = protocol.value === 'oidc' ? 'oidc' : 'saml-oid';
  };
  protocol.addEventListener('change', protocolChanged);
  profile.addEventListener('change', () => { profile.dataset.chosen = 'yes'; });
  protocolChanged();
  const form = el('form', { id: 'register-form', novalidate: true },
    field('reg-protocol', t('protocol'), protocol, t('protocolHelp')), samlFields, oidcFields,
    field('reg-domains', t('domains'), domains, t('domainsHelp')), field('reg-alias', t('aliasLabel'), alias, t('aliasHelp')),
    field('reg-profile', t('profile'), profile), field('reg-assurance', t('maxAssurance'), assurance),
    el('div', { class: 'actions' }, el('button', { type: 'submit', id: 'register-submit' }, t('submit'))));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const request = { agency: me.agency, protocol: protocol.value, domains: domains.value.split(/\s+/).filter(Boolean), profile: profile.value,
      maxAssurance: assurance.value };
    if (alias.value.trim()) request.alias = alias.value.trim();
    if (protocol.value === 'saml') {
      if (metadataFile.files.length) request.metadataXml = await metadataFile.files[0].text(); else if (metadataUrl.value.trim()) request.metadataUrl = metadataUrl.value.trim();
    } else Object.assign(request, { issuer: issuer.value, clientId: clientId.value, clientSecret: clientSecret.value });
    const answer = await api('POST', '/dvc-registrations', request);
    if (answer.ok) { location.hash = '#/registration/' + encodeURIComponent(answer.body.alias); return; }
    errors(form, withFindings(answer.body));
  });
  show(t('newTitle'), form);
}

// ---------- frame ----------
function translateFrame() {
  document.documentElement.lang = lang;
  document.querySelectorAll('[data-t]').forEach(n => { n.textContent = t(n.dataset.t); });
  document.querySelectorAll('[data-t-label]').forEach(n => n.setAttribute('aria-label', t(n.dataset.tLabel)));
  const other = document.getElementById('lang');
  other.textContent = t('other');
  other.lang = lang === 'de' ? 'en' : 'de';
}
async function route() {
  say('');
  const hash = location.hash || '#/agency';
  document.querySelectorAll('#nav a').forEach(a => a.getAttribute('href') === hash ? a.setAttribute('aria-current', 'page')
    : a.removeAttribute('aria-current'));
  if (hash.startsWith('#/registration/')) return registrationPage(decodeURIComponent(hash.slice('#/registration/'.length)));
  if (hash === '#/registrations') return registrationsPage();
  if (hash === '#/queue' && me.operator) return registrationsPage('tested');
  if (hash === '#/new') return newRegistrationPage();
  if (hash === '#/audit') return auditPage();
  if (hash === '#/agencies/new' && me.operator) return createAgencyPage();
  if (hash.startsWith('#/agency/')) return agencyPage(decodeURIComponent(hash.slice('#/agency/'.length)));
  return agencyPage();
}
async function start() {
  translateFrame();
  document.getElementById('lang').addEventListener('click', () => {
    lang = lang === 'de' ? 'en' : 'de';
    localStorage.setItem('dvc-portal-lang', lang);
    translateFrame();
    route();
  });
  document.getElementById('logout').addEventListener('click', () => location.assign(realmUrl + '/protocol/openid-connect/logout?'
    + new URLSearchParams({ client_id: CLIENT, post_logout_redirect_uri: portalUrl })));
  if (!token && !(await finishSignIn())) { show(t('signIn')); return signIn(); }
  const answer = await api('GET', '/dvc-agencies');
  if (!answer.ok) return show(t('errorPage'), el('p', {}, problem(answer.body)));
  me = answer.body;
  document.getElementById('who').textContent = me.name + (me.agencyName ? ' · ' + me.agencyName : '');
  document.getElementById('logout').hidden = false;
  document.querySelectorAll('#nav .operator').forEach(item => { item.hidden = !me.operator; });
  window.addEventListener('hashchange', route);
  await route();
}
start();
