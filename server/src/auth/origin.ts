/**
 * The one same-origin rule for REST, Socket.IO and Yjs: a request that rides on the session
 * cookie must come from a page of our own origin (CSRF / cross-site WebSocket hijacking).
 * Browsers send `Origin` on cross-site POSTs and on every WebSocket upgrade; `Origin: null`
 * (sandboxed frames, file: pages, some redirects) or anything that is not a URL is not ours.
 * Never throws: whatever a client sends, the answer is true or false.
 */
export function isSameOrigin(origin: string | undefined, host: string | undefined): boolean {
  if (origin === undefined || host === undefined) return false;
  if (!URL.canParse(origin)) return false;
  const url = new URL(origin);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  return url.host === host.toLowerCase();
}

/** The origin of a Referer header, for browsers that send no Origin on same-origin requests. */
export function refererOrigin(referer: string | undefined): string | undefined {
  if (!referer || !URL.canParse(referer)) return undefined;
  const { origin } = new URL(referer);
  return origin === 'null' ? undefined : origin;
}
