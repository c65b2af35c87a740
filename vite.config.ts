import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const MODELS_DIR = resolve(import.meta.dirname, 'models');

/** Serves models/ (shipped at the top level, beside the training scripts) as <base>models/ in dev and in dist/. */
function serveModels(): Plugin {
  const files = (): string[] =>
    existsSync(MODELS_DIR)
      ? readdirSync(MODELS_DIR, { recursive: true, encoding: 'utf8' }).filter((f) => statSync(join(MODELS_DIR, f)).isFile())
      : [];
  return {
    name: 'epsilon-serve-models',
    configureServer(server) {
      server.middlewares.use('/models', (req, res, next) => {
        const rel = decodeURIComponent((req.url ?? '').split('?')[0]!).replace(/^\/+/, '');
        const file = resolve(MODELS_DIR, rel);
        if (!file.startsWith(MODELS_DIR + '/') || !existsSync(file) || !statSync(file).isFile()) return next();
        res.setHeader('Content-Type', file.endsWith('.json') ? 'application/json' : 'application/octet-stream');
        res.end(readFileSync(file));
      });
    },
    generateBundle() {
      for (const f of files()) this.emitFile({ type: 'asset', fileName: `models/${f}`, source: readFileSync(join(MODELS_DIR, f)) });
    },
  };
}

// A relative base makes dist/ work from any sub-path of any static host.
export default defineConfig({
  base: './',
  plugins: [react(), serveModels()],
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 3000,
    // bench.html: the attack benchmark, runnable in any browser from the deployed site.
    rollupOptions: { input: { main: resolve(import.meta.dirname, 'index.html'), bench: resolve(import.meta.dirname, 'bench.html') } },
  },
});
