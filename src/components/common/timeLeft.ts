/** "about 40 s left", once enough of a job is done to tell (progress in [0,1], startedAt from performance.now()). */
export function timeLeft(progress: number, startedAt: number | undefined): string {
  if (startedAt === undefined || progress < 0.03) return 'estimating the time…';
  const seconds = ((performance.now() - startedAt) / 1000) * ((1 - progress) / progress);
  return seconds < 60 ? `about ${Math.max(1, Math.round(seconds / 5) * 5)} s left` : `about ${Math.round(seconds / 60)} min left`;
}
