// What the runtime does with a thrown value: tell a cancelled job from a failure, and word it for the user.

/** True for the rejection of a cancelled job (an attack, a measurement or a curve whose signal fired). */
export const isAbortError = (e: unknown): boolean => e instanceof Error && e.name === 'AbortError';

export { errorMessage } from '../../model/errorMessage.ts';
