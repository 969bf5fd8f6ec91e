import { startTransition, StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { App } from './App';

/**
 * Puts the app over index.html's boot placeholder. Rendered as a transition, like every
 * answer that fills a page: React works in short slices, and the page stays responsive
 * while it lays out a whole document.
 */
export function mount(root: HTMLElement): void {
  const app = createRoot(root);
  startTransition(() =>
    app.render(
      <StrictMode>
        <BrowserRouter>
          <App />
        </BrowserRouter>
      </StrictMode>,
    ),
  );
}
