import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './components/App.tsx';
import { startBackend, startGallery } from './runtime/startup.ts';
import { startLabController } from './runtime/labController.ts';
import { startAttackRunner } from './runtime/attackRunner.ts';
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
