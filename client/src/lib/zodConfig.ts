import { z } from 'zod';

// Zod compiles fast object parsers with `new Function` when it may; the app's
// Content-Security-Policy (script-src 'self') forbids that, and Zod's probe for it would be
// reported as a violation on every page. Parse without it from the start.
z.config({ jitless: true });
