import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './components/App.tsx';
import { startBackend, startGallery } from './runtime/startup.ts';
import { startAttackRunner, startLabController } from './runtime/lab/index.ts';
import './styles.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
void startBackend();
void startGallery();
startLabController();
startAttackRunner();
