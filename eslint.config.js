import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// The server's layers point one way: routes/ and realtime/ (the transports) and events/ and
// access/ (what follows a commit) call commands/ and read through views/; commands decide with
// policies/, read through queries/ and write with db/; views read through queries/ and shape with
// presenters/. Nothing reaches back up. A folder of server/src either names the folders it must
// not import from (the top), or the only ones it may (everything below) — then any other folder,
// a new one too, is refused. Top-level modules (errors, config, logger, context …) and packages are
// not layers. app.ts, server.ts and seed/ compose everything and have no rule.
const SERVER_LAYERS = {
  routes: { mayNotImport: ['realtime', 'events', 'seed'], why: 'broadcasting is for events/' },
  realtime: { mayNotImport: ['routes', 'seed'], why: 'socket handlers call the same commands as REST' },
  events: { mayNotImport: ['routes', 'http', 'seed'], why: 'consumers react to what commands did, not to requests' },
  access: {
    mayNotImport: ['routes', 'realtime', 'yjs', 'http', 'events', 'seed'],
    why: 'access changes go to the watchers that registered; the carrier knows none of them',
  },
  http: { mayImportOnly: ['auth', 'commands'], why: 'http/ is REST plumbing: sessions, errors, headers' },
  commands: {
    mayImportOnly: ['auth', 'db', 'minutes', 'policies', 'queries', 'yjs'],
    why: 'commands know no transport and shape no output; they read through queries/',
  },
  views: {
    mayImportOnly: ['auth', 'db', 'policies', 'presenters', 'queries', 'yjs'],
    why: 'a view reads through queries/ and shapes with presenters/; it changes nothing',
  },
  queries: {
    mayImportOnly: ['auth', 'db', 'minutes', 'policies', 'yjs'],
    why: 'queries read; shaping is for views/ and presenters/, writing for commands/',
  },
  policies: {
    mayImportOnly: [],
    typesFrom: ['auth', 'mongoose'],
    why: 'policies decide from what they are handed: shared rules and the actor',
  },
  presenters: {
    mayImportOnly: [],
    typesFrom: ['db', 'minutes', 'policies', 'mongoose'],
    why: 'presenters shape what they are handed and read nothing',
  },
  db: { mayImportOnly: [], why: 'the demo seed, which runs commands, is seed/' },
  exports: { mayImportOnly: ['minutes', 'yjs'], why: 'exports render a minutes document' },
  yjs: {
    mayImportOnly: ['access', 'auth', 'db', 'policies'],
    why: 'the Yjs endpoint and registry sit under the commands that use them',
  },
  auth: { mayImportOnly: ['db'], why: 'sessions are resolved for every transport alike' },
  minutes: { mayImportOnly: [], typesFrom: ['yjs'], why: 'the minutes document is built from what it is handed' },
};

/** Folders of server/src as import paths from anywhere in it: `../x/…`, `../../x/…`. */
const serverFolders = (names) => `^(\\.\\./)+(${names.join('|')})/`;
const serverFoldersExcept = (names) => `^(\\.\\./)+(?!(${names.join('|')})/)[^./][^/]*/`;

const serverLayerRules = Object.entries(SERVER_LAYERS).map(([dir, layer]) => {
  const { mayNotImport, mayImportOnly, typesFrom = [], why } = layer;
  const folderTypes = typesFrom.filter((t) => t in SERVER_LAYERS);
  const packageTypes = typesFrom.filter((t) => !(t in SERVER_LAYERS));
  const typesNote = typesFrom.length
    ? ` (types only from ${typesFrom.map((t) => (t in SERVER_LAYERS ? `${t}/` : t)).join(', ')})`
    : '';
  const refused = mayNotImport
    ? {
        regex: serverFolders(mayNotImport),
        message: `server/src/${dir}/ may not import from ${mayNotImport.map((f) => `${f}/`).join(', ')}: ${why}.`,
      }
    : {
        regex: serverFoldersExcept([...mayImportOnly, ...folderTypes]),
        message: mayImportOnly.length
          ? `server/src/${dir}/ may import only from ${mayImportOnly.map((f) => `${f}/`).join(', ')}${typesNote}: ${why}.`
          : `server/src/${dir}/ imports from no other server folder${typesNote}: ${why}.`,
      };
  const typesOnly = `server/src/${dir}/ imports only types from here: ${why}.`;
  const patterns = [
    refused,
    ...(folderTypes.length ? [{ regex: serverFolders(folderTypes), allowTypeImports: true, message: typesOnly }] : []),
    ...(packageTypes.length ? [{ group: packageTypes, allowTypeImports: true, message: typesOnly }] : []),
  ];
  return {
    files: [`server/src/${dir}/**/*.ts`],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns }] },
  };
});

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '**/.data/**', 'test-results/**', 'test/bench/results/**', '**/scratch/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    files: ['client/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  ...serverLayerRules,
  {
    // Test code, benchmarks and CLIs print to the terminal on purpose.
    files: ['test/**/*.ts', '**/test/**/*.ts', '**/cli.ts', '.ci/**'],
    rules: { 'no-console': 'off', '@typescript-eslint/no-explicit-any': 'off' },
  },
);
