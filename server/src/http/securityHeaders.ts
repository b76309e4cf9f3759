import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * Response headers for every answer: the app shell, its assets, the API and the exports.
 *
 * The Content-Security-Policy allows nothing but the app's own origin: the build has no inline
 * script, its styles are files (the editor's base styles included, see the client's
 * `prosemirror.css`), and styles set from script go through the CSSOM (`el.style.x = …`), which
 * a policy does not restrict. Nothing may load from elsewhere anyway (DESIGN: "Runs on an
 * intranet"). `connect-src 'self'` covers the same-origin ws:// and wss:// of Socket.IO and Yjs.
 */
export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        connectSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        // No upgrade-insecure-requests: many installations are plain http on an intranet, where
        // it would turn every request into one to an https server that does not exist.
      },
    },
    // For browsers that predate frame-ancestors.
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'same-origin' },
    // HSTS belongs to whoever terminates TLS (the reverse proxy); sent from here it would pin
    // the host (and with includeSubDomains its neighbours) to https on an intranet that may
    // still serve some of them over http.
    strictTransportSecurity: false,
  });
}

/**
 * API answers depend on who asks (and exports hold meeting records): no browser or proxy cache
 * may keep them, and a shared computer's next user must not find them with the back button.
 */
export const noStore: RequestHandler = (_req, res, next) => {
  res.setHeader('Cache-Control', 'no-store');
  next();
};
