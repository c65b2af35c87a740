// The text of anything thrown, for the user. It lives in the pure layer so that every layer (model loading, the
// runtime, the components, scripts) words errors the same way; the runtime re-exports it from platform/errors.ts.
export const errorMessage = (e: unknown): string => (e instanceof Error ? e.message : String(e));
