// What the runtime does with a thrown value: tell a cancelled job from a failure, and word it for the user.

export { isAbortError } from '../../attacks/index.ts';

export { errorMessage } from '../../model/errorMessage.ts';
