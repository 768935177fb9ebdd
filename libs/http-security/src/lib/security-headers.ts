import helmet from 'helmet';

/**
 * The dashboard's bundle is scripts from our origin only; nothing inline.
 * Styles allow 'unsafe-inline' because Angular injects component styles as
 * <style> elements at runtime (and Swagger UI ships an inline <style>); a
 * nonce would need the HTML templated per request. Style injection cannot
 * run code, so the script policy is what stops XSS.
 */
export const CONTENT_SECURITY_POLICY = {
  useDefaults: false,
  directives: {
    'default-src': ["'self'"],
    'base-uri': ["'self'"],
    // 'self' covers the same-origin ws:/wss: Socket.IO upgrade in CSP Level 3 browsers.
    'connect-src': ["'self'"],
    'font-src': ["'self'", 'data:'],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
    'img-src': ["'self'", 'data:'],
    'object-src': ["'none'"],
    'script-src': ["'self'"],
    'script-src-attr': ["'none'"],
    'style-src': ["'self'", "'unsafe-inline'"],
    'worker-src': ["'self'"],
  },
};

/**
 * Helmet with our CSP. HSTS is left to whatever terminates TLS: Redtail often
 * runs on plain HTTP inside a network, and a year-long HSTS pin on a shared
 * internal hostname is the operator's call, not ours.
 */
export function securityHeaders() {
  return helmet({
    contentSecurityPolicy: CONTENT_SECURITY_POLICY,
    strictTransportSecurity: false,
    xFrameOptions: { action: 'deny' },
  });
}
