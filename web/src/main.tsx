/**
 * The entry index.html loads, small on purpose: as soon as it arrives it starts what the
 * page at this address needs — the session, the page's code, its first reads
 * (routeStart.ts) — while the app itself (mount.tsx, App.tsx: React, the router, the
 * layouts, and their styles) is still on its way; then it mounts the app over the boot
 * placeholder. Its styles are the site-wide ones and the placeholder's, which index.html
 * paints first.
 */
import './styles/base.css';
import './styles/components.css';
import './components/BootSkeleton.css';
import { startRoute } from './routeStart';

startRoute(window.location.pathname, window.location.search);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
import('./mount').then(
  ({ mount }) => mount(root),
  () => {
    // The app's code did not arrive (offline, a deploy in between): say so where the placeholder waits.
    const heading = root.querySelector('h1');
    if (heading) heading.textContent = 'The portal could not load';
    const status = root.querySelector('.boot-status');
    if (status) status.textContent = 'The portal could not load. Check your connection, then reload the page.';
    root.querySelector('.boot')?.classList.add('boot-failed');
    root.querySelector('[aria-busy]')?.setAttribute('aria-busy', 'false');
  },
);
