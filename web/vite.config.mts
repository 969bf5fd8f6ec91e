import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * One build for every tenant: branding arrives at run time from /api/public/tenant,
 * so nothing tenant-specific is baked in here. Output goes to dist/web (served by
 * CloudFront/S3 and by infra/local), hashed assets under /assets/.
 *
 * @vitejs/plugin-react 6 transforms JSX with Vite 8's built-in Oxc transformer; its
 * optional peers (@rolldown/plugin-babel, babel-plugin-react-compiler,
 * oxc-transform-react) are only needed for the React Compiler, which we do not use.
 */
export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    assetsDir: 'assets',
    target: 'es2022',
    sourcemap: false,
    // Inline nothing: the strict CSP we want later forbids data: scripts, and every
    // asset gets a content hash so it can be cached for a year.
    assetsInlineLimit: 0,
  },
  server: {
    // `npx vite --config web/vite.config.mts` for UI work: API calls go to the local stack.
    proxy: { '/api': { target: 'http://localhost:3000', changeOrigin: false } },
  },
});
