// The one tiny-PNG maker of the tests (server/test/support/png.ts), for the browser tests' uploads.
export * from '../../../server/test/support/png.js';
