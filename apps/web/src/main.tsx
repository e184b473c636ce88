import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './ui/app.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { registerServiceWorker } from './features/monitoring/offline/register-sw';
import { initI18n } from './i18n';

const root = document.getElementById('root');
if (!root) throw new Error('No #root element in index.html');
// the first paint waits for the visitor's language file (a few KB); without it the page still renders, with keys
void initI18n()
  .catch((e: unknown) => console.error('translations failed to load', e))
  .then(() =>
    createRoot(root).render(
      <StrictMode>
        <App />
      </StrictMode>,
    ),
  );
// installable, and the visit report form works offline (issue 11): the app shell and the visit's data are kept
registerServiceWorker();
