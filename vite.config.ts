import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'renderer',
  // Relative asset URLs, so the same build works over http:// (browser host) and app:// (Electron).
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'es2020',
    // One chunk loaded from local disk (no network): splitting would only add requests.
    chunkSizeWarningLimit: 800,
  },
});
