// First (and bundled with Zod, see vite.config.ts): Zod is configured before any schema is defined.
import './lib/zodConfig.js';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './i18n/index.js';
import './app/styles.css';
import { App } from './app/App.js';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
