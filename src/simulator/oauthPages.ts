/**
 * HTML of the simulator's login-and-approve page and its error page. Element ids (#email,
 * #password, #approve, #deny, #error) are stable: browser tests and scripts click them.
 */

export interface AuthorizePageParams {
  clientId: string;
  redirectUri: string;
  scope: string[];
  state?: string;
  context: string;
  storeHash: string;
  email: string;
  password: string;
  /** Shown above the form, e.g. after a wrong password. */
  error?: string;
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const STYLE = `body{font-family:system-ui,sans-serif;background:#f4f5f9;margin:0;padding:40px}
main{max-width:420px;margin:auto;background:#fff;border-radius:8px;padding:24px 32px;box-shadow:0 1px 4px #0002}
h1{font-size:20px}label{display:block;margin-top:12px}input{width:100%;padding:8px;box-sizing:border-box}
ul{font-size:13px;color:#444}button{margin-top:16px;padding:8px 16px;margin-right:8px}
.error{color:#b00020}.note{font-size:12px;color:#666}`;

function layout(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body><main>${body}</main></body></html>
`;
}

function hidden(name: string, value: string | undefined): string {
  return value === undefined ? '' : `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`;
}

export function authorizePage(p: AuthorizePageParams): string {
  const scopes = p.scope.map((s) => `<li>${escapeHtml(s)}</li>`).join('');
  const error = p.error ? `<p id="error" class="error">${escapeHtml(p.error)}</p>` : '';
  return layout(
    'Sign in — BigCommerce simulator',
    `<h1>Sign in to store ${escapeHtml(p.storeHash)}</h1>
<p>The app <code id="client-id">${escapeHtml(p.clientId)}</code> asks for access to:</p>
<ul id="scopes">${scopes}</ul>
${error}<form id="authorize-form" method="post" action="/oauth2/authorize">
${hidden('client_id', p.clientId)}${hidden('redirect_uri', p.redirectUri)}${hidden('response_type', 'code')}
${hidden('scope', p.scope.join(' '))}${hidden('state', p.state)}${hidden('context', p.context)}
<label for="email">Email</label><input id="email" name="email" type="email" value="${escapeHtml(p.email)}">
<label for="password">Password</label><input id="password" name="password" type="password" value="${escapeHtml(p.password)}">
<button id="approve" type="submit" name="action" value="approve">Approve</button>
<button id="deny" type="submit" name="action" value="deny">Deny</button>
</form>
<p class="note">This is a local simulator of BigCommerce; the demo user is filled in for you.</p>`,
  );
}

export function errorPage(title: string, message: string): string {
  return layout(
    `${title} — BigCommerce simulator`,
    `<h1>${escapeHtml(title)}</h1><p id="error" class="error">${escapeHtml(message)}</p>`,
  );
}

/** What a load balancer in front of the API answers when the app behind it fails (the 'html' fault). */
export function proxyErrorPage(): string {
  return `<html>
<head><title>502 Bad Gateway</title></head>
<body>
<center><h1>502 Bad Gateway</h1></center>
<hr><center>nginx</center>
</body>
</html>
`;
}
