import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './components/App.tsx';
import { startBackend, startGallery, startOfflineCopy } from './runtime/startup.ts';
import { startAttackRunner, startLabController } from './runtime/lab/index.ts';
import { ensureIsolation } from './runtime/offline/index.ts';
import './styles.css';

// Isolation first: on a first visit it reloads the page, and work started before that would be thrown away.
// Whatever goes wrong there (storage blocked, say), the app starts, single-threaded.
void ensureIsolation()
  .catch(() => undefined)
  .then(() => {
    createRoot(document.getElementById('root')!).render(
      <StrictMode>
        <App />
      </StrictMode>,
    );
    void startBackend();
    void startGallery();
    startOfflineCopy();
    startLabController();
    startAttackRunner();
  });
