import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const api = process.env.TONGXIN_API ?? 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    // Dev mode: the API, Socket.IO and the Yjs endpoint stay on the Node server.
    proxy: {
      '/api': api,
      '/socket.io': { target: api, ws: true },
      '/yjs': { target: api, ws: true },
    },
  },
  build: {
    reportCompressedSize: true,
    // The budget that matters is 300 KB gzip for the initial JS (see README); this warns on minified size.
    chunkSizeWarningLimit: 1000,
  },
});
