/** Paths of this app that e-mails link to; such links are opened here, whatever host the mail names. */
const APP_PATHS = ['/verify-email', '/reset-password', '/accept-invitation', '/login', '/register', '/home', '/notifications', '/organization', '/settings'];

/**
 * Prepare a caught e-mail's HTML for a sandboxed iframe: links open in the top window
 * (the sandbox allows that on a click), and links to this app's pages point at the
 * current origin, so /verify-email?token=… works in the demo wherever the API thinks it lives.
 */
export function prepareMailHtml(html: string, origin: string): string {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  for (const a of Array.from(doc.querySelectorAll('a[href]'))) {
    const href = a.getAttribute('href') ?? '';
    let url: URL;
    try {
      url = new URL(href, origin);
    } catch {
      continue;
    }
    if (APP_PATHS.some((p) => url.pathname === p || url.pathname.startsWith(`${p}/`))) {
      a.setAttribute('href', `${origin}${url.pathname}${url.search}${url.hash}`);
    }
    a.setAttribute('target', '_top');
    a.setAttribute('rel', 'noopener');
  }
  const base = doc.createElement('base');
  base.setAttribute('target', '_top');
  doc.head.prepend(base);
  return `<!doctype html>${doc.documentElement.outerHTML}`;
}
