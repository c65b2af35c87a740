// The response headers that make a page cross-origin isolated (crossOriginIsolated === true), which
// tfjs-backend-wasm needs before it runs threads (SharedArrayBuffer). Sent by `npm run dev` and `npm run preview`
// (vite.config.ts); public/isolation-sw.js adds the same values where a host cannot send headers.
export const ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  // Lets our own files load into any isolated page of this origin; nothing else needs it.
  'Cross-Origin-Resource-Policy': 'same-origin',
} as const;
