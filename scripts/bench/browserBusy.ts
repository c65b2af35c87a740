// Part (e) of `npm run bench:browser`: whether the page stays responsive while "Measure robustness" runs (APGD-CE,
// APGD-T and Square on the main thread, yielding between steps). The live FGSM slider is dragged for 5 seconds
// as in part (c), once with nothing else running and once while the robust model is measured on 100 images;
// results rendered per second and the FGSM time the readout shows, side by side.
import { median, textTable } from '../../src/bench/measure.ts';
import { backendLine, openEmulated } from './browserSession.ts';
import { DRAG, DRAG_MS, ms, type Drag } from './browserStartup.ts';

export async function busyPart(): Promise<void> {
  const s = await openEmulated('#image=1022&attack=fgsm');
  try {
    await s.page.getByTestId('verdict').waitFor({ timeout: 180_000 });
    const line = (await backendLine(s)).replace(/^Backend: /, '');
    const idle = (await s.page.evaluate(DRAG)) as Drag;
    const panel = s.page.locator('.reliable');
    await panel.getByLabel('Model to measure').selectOption('robust');
    await panel.getByRole('button', { name: 'Measure robustness' }).click();
    // Into the attacks proper (past the clean pass and PGD-20).
    await s.page.getByTestId('reliable-eta').filter({ hasText: /APGD/ }).waitFor({ timeout: 300_000 });
    const busy = (await s.page.evaluate(DRAG)) as Drag;
    const running =
      (await s.page
        .getByTestId('reliable-eta')
        .textContent()
        .catch(() => '')) ?? '';
    const rows = [
      ['nothing else', idle],
      [`Measure robustness (${running.split(' · ')[0]})`, busy],
    ] as const;
    console.log(`\n(e) The live FGSM slider while "Measure robustness" runs (${line}): a ${DRAG_MS / 1000}-second drag at ~60 Hz`);
    console.log(
      textTable(
        ['while', 'input events', 'results rendered', 'updates/s', 'FGSM time shown (median)'],
        rows.map(([what, d]) => [
          what,
          String(d.inputs),
          String(d.updates),
          (d.updates / (DRAG_MS / 1000)).toFixed(1),
          `${median(d.readoutTimes.map(ms).filter(Number.isFinite)).toFixed(0)} ms`,
        ]),
      ),
    );
  } finally {
    await s.close();
  }
}
