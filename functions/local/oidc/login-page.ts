/**
 * The local provider's sign-in page: one form, Italian first then English, no script (the
 * site's CSP allows none inline), labelled fields, the error announced to screen readers.
 */
const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

export function loginPage({ uid, error, email }: { uid: string; error: string | null; email: string }): string {
  return `<!doctype html>
<html lang="it">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${error ? 'Errore: ' : ''}Accedi — PuntoVicino gestione</title>
<link rel="stylesheet" href="/oidc/interaction/login.css">
</head>
<body>
<main>
<h1>Accedi alla gestione dei punti <span lang="en">/ Sign in</span></h1>
<p>Per chi gestisce i punti di facilitazione: regioni, comuni, enti. <span lang="en">For the people who run the points.</span></p>
${error ? `<p class="error" role="alert" id="login-error">${escape(error)}</p>` : ''}
<form method="post" action="/oidc/interaction/${escape(uid)}/login" novalidate>
<label for="email">E-mail</label>
<input id="email" name="email" type="email" autocomplete="username" required value="${escape(email)}"${error ? ' aria-describedby="login-error" aria-invalid="true"' : ''}>
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required${error ? ' aria-describedby="login-error" aria-invalid="true"' : ''}>
<button type="submit">Accedi <span lang="en">/ Sign in</span></button>
</form>
<form method="post" action="/oidc/interaction/${escape(uid)}/abort"><button type="submit" class="secondary">Annulla <span lang="en">/ Cancel</span></button></form>
<p class="note">Server locale (<code>npm start</code>): gli account si creano con <code>npm run operator -- add EMAIL --role region:09</code>.</p>
</main>
</body>
</html>`
}

/**
 * The provider's "sign out?" page: `form` is the provider's own (its id `op.logoutForm`, its
 * anti-forgery field); "Esci" submits it, `logout=yes` ending the session; "Resta collegato" is a
 * link back to the console (`stayHref`), which keeps its session (web/console/oidc-session.ts).
 */
export function logoutPage(form: string, stayHref: string): string {
  return `<!doctype html>
<html lang="it">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Esci — PuntoVicino gestione</title>
<link rel="stylesheet" href="/oidc/interaction/login.css">
</head>
<body>
<main>
<h1>Uscire dalla gestione dei punti? <span lang="en">/ Sign out?</span></h1>
${form}
<button autofocus type="submit" form="op.logoutForm" value="yes" name="logout">Esci <span lang="en">/ Sign out</span></button>
<a class="button secondary" href="${stayHref}">Resta collegato <span lang="en">/ Stay signed in</span></a>
</main>
</body>
</html>`
}

export const LOGIN_CSS = `body{margin:0;font:1.0625rem/1.5 system-ui,sans-serif;color:#1a1a1a;background:#f5f7fa}
main{max-width:28rem;margin:2rem auto;padding:1.5rem;background:#fff;border:1px solid #c5c7c9;border-radius:8px}
h1{font-size:1.5rem;margin-top:0}
label{display:block;font-weight:600;margin-top:1rem}
input{box-sizing:border-box;width:100%;min-height:44px;padding:.5rem;font:inherit;border:2px solid #5c6f82;border-radius:4px}
input:focus,button:focus{outline:3px solid #f90;outline-offset:2px}
button{min-height:44px;margin-top:1.25rem;padding:.5rem 1.25rem;font:inherit;font-weight:600;color:#fff;background:#0066cc;border:0;border-radius:4px;cursor:pointer}
button.secondary,a.button{color:#0066cc;background:#fff;border:2px solid #0066cc;margin-top:.5rem}
a.button{display:inline-block;box-sizing:border-box;min-height:44px;padding:.5rem 1.25rem;font-weight:600;border-radius:4px;text-decoration:none}
a.button:focus{outline:3px solid #f90;outline-offset:2px}
.error{padding:.75rem;color:#a0001e;background:#fde8ec;border-left:4px solid #a0001e}
.note{font-size:.875rem;color:#455a64}`
