import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const root = fileURLToPath(new URL('.', import.meta.url));

/** base.css and components.css: the styles every area builds on (imported first by main.tsx). */
const SITE_STYLES = /web[\\/]src[\\/]styles[\\/](base|components)\.css$/;

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
  plugins: [react(), siteStylesFirst()],
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    assetsDir: 'assets',
    target: 'es2022',
    sourcemap: false,
    // Inline nothing: the strict CSP we want later forbids data: scripts, and every
    // asset gets a content hash so it can be cached for a year.
    assetsInlineLimit: 0,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            // The site-wide styles in a stylesheet of their own (see siteStylesFirst).
            { name: 'site', test: SITE_STYLES, priority: 30 },
            // What the entry (main.tsx) needs to start a page's reads, and the boot
            // placeholder's styles index.html paints with: small, so it runs while the app is
            // still downloading.
            { name: 'boot', test: /web[\\/]src[\\/](routeStart\.ts|components[\\/]BootSkeleton\.css)$/, priority: 20 },
            // The app in one chunk (mount.tsx and everything it imports): the pages loaded
            // on demand import from it, rather than from a dozen small shared chunks.
            { name: 'app', test: /web[\\/]src[\\/]mount\.tsx$/, priority: 10 },
          ],
        },
      },
    },
  },
  server: {
    // `npx vite --config web/vite.config.mts` for UI work: API calls go to the local stack.
    proxy: { '/api': { target: 'http://localhost:3000', changeOrigin: false } },
  },
});

/**
 * Each area's stylesheet comes with its modules, so a page loaded on demand brings its own,
 * and an area's rules override the site-wide ones of equal specificity only by coming after
 * them. Vite lists the entry's stylesheets chunk by chunk, the site-wide chunk last: this
 * moves it before the others in index.html (pages loaded later add theirs after it anyway).
 */
function siteStylesFirst(): Plugin {
  return {
    name: 'portico-site-styles-first',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html) {
        const site = /\s*<link rel="stylesheet"[^>]*href="\/assets\/site-[^"]+\.css"[^>]*>/.exec(html);
        if (!site) throw new Error('index.html has no site-wide stylesheet (assets/site-*.css)');
        const rest = html.replace(site[0], '');
        const first = rest.search(/<link rel="stylesheet"/);
        return first < 0 ? html : `${rest.slice(0, first)}${site[0].trim()}\n    ${rest.slice(first)}`;
      },
    },
  };
}
