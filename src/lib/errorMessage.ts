// The text of anything thrown, for the user: every layer (model loading, the runtime, the components, scripts)
// words errors the same way.
export const errorMessage = (e: unknown): string => (e instanceof Error ? e.message : String(e));
