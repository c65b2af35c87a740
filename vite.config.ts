import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { ISOLATION_HEADERS } from './src/runtime/offline/isolationHeaders.ts';
import { APP_MANIFEST } from './src/appManifest.ts';

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

/**
 * tfjs-backend-wasm starts each pthread worker from the source text of its threaded factory function
 * (`factory.toString()`). Minified, that function refers to a variable of the scope around it (`_scriptDir`,
 * renamed, its `typeof x != "undefined"` guard compressed to `x !== void 0`) that does not exist in the worker:
 * "ReferenceError: e is not defined", and the page dies. So the workers get the package's own file, as text the
 * minifier never touches, while the page keeps the minified copy. Fails the build if the package changes shape.
 */
function wasmThreadsSurviveMinification(): Plugin {
  const moduleId = /[\\/]@tensorflow[\\/]tfjs-backend-wasm[\\/]dist[\\/]backend_wasm\.js$/;
  const workerSource = /`var WasmBackendModuleThreadedSimd = `\s*\+\s*wasmFactoryThreadedSimd\.toString\(\)/g;
  return {
    name: 'epsilon-wasm-threads-source',
    enforce: 'pre',
    transform(code, id) {
      if (!moduleId.test(id.split('?')[0]!)) return null;
      if ((code.match(workerSource) ?? []).length !== 1)
        this.error('tfjs-backend-wasm no longer builds its pthread script from factory.toString(): revisit this plugin');
      const source = "import threadedSimdSource from '../wasm-out/tfjs-backend-wasm-threaded-simd.js?raw';\n";
      return { code: source + code.replace(workerSource, 'threadedSimdSource'), map: null };
    },
  };
}

/**
 * Offline use and installing as an app: our service worker (src/runtime/offline/service-worker.ts) is built with
 * the list of every file of the build and its revision put in (Workbox's precache manifest); the web app manifest
 * is written and linked from index.html. The page registers the worker itself (runtime/offline/isolation.ts).
 */
function offlineApp(): Plugin[] {
  return VitePWA({
    strategies: 'injectManifest',
    srcDir: 'src/runtime/offline',
    filename: 'service-worker.ts',
    injectRegister: false,
    manifest: APP_MANIFEST,
    includeAssets: [],
    includeManifestIcons: false,
    injectManifest: {
      // Everything the page can ask for; bench.html and its own chunk are a developer's tool, left to the network.
      globPatterns: ['**/*.{html,js,css,wasm,json,bin,png,svg}'],
      globIgnores: ['bench.html', 'assets/bench-*.js'],
      // The training subset is the largest file (about 12 MB).
      maximumFileSizeToCacheInBytes: 32 * 1024 * 1024,
    },
    devOptions: { enabled: false },
  });
}

// A relative base makes dist/ work from any sub-path of any static host.
export default defineConfig({
  base: './',
  plugins: [react(), serveModels(), wasmThreadsSurviveMinification(), offlineApp()],
  // The training worker is bundled on its own and runs WASM threads too.
  // ES workers, so that tfjs's WebGPU backend stays a chunk of its own there too (loaded where a worker uses it).
  worker: { format: 'es', plugins: () => [wasmThreadsSurviveMinification()] },
  // Cross-origin isolation, so WASM runs threaded under `npm run dev` and `npm run preview` (static hosts get it
  // from public/isolation-sw.js).
  server: { headers: ISOLATION_HEADERS },
  preview: { headers: ISOLATION_HEADERS },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 3000,
    // bench.html: the attack benchmark, runnable in any browser from the deployed site.
    rollupOptions: { input: { main: resolve(import.meta.dirname, 'index.html'), bench: resolve(import.meta.dirname, 'bench.html') } },
  },
});
