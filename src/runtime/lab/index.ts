// src/runtime/lab: the attack lab, kept in step with the store.
//   labController.ts    classifies the image on screen whenever the image or the model's weights change
//   attackRunner.ts     runs the chosen attack on it (live FGSM queued, settled full attacks replaced), one at a time
//   attackOutcome.ts    turns the attack's tensors into the plain AttackOutcome the store keeps
//   insights.ts         on demand: the distance to the boundary, and transfer to every model
//   userImage.ts        a user's file -> 32x32 RGB bytes, or a message saying why not
//   chooseUserImage.ts  puts that image (or its problem) in the store
// Every async flow here is a run of one of the page's jobs (runtime/jobs: JOBS.clean, attack, liveFgsm, boundary,
// transfer, userImage): a result carries the key it was computed for (cleanKeyOf, attackKeyOf in src/state), and is
// dropped when the key has moved on or a newer run replaced it.
export { startLabController } from './labController.ts';
export { cancelAttack, liveFgsmBusy, rerunAttack, resetAttackRunner, runAgain, startAttackRunner } from './attackRunner.ts';
export { referenceClass } from './attackOutcome.ts';
export { cancelBoundary, measureBoundary, measureTransfer } from './insights.ts';
export { chooseUserImage } from './chooseUserImage.ts';
