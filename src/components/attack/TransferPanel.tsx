import { useAppStore } from '../../state/store.ts';
import { measureTransfer } from '../../runtime/lab/index.ts';
import { attackKeyOf } from '../../state/attackSlice.ts';

/** Does the adversarial image made against one model fool the others? */
export function TransferPanel() {
  const transfer = useAppStore((s) => s.transfer);
  const outcome = useAppStore((s) => s.outcome);
  const classNames = useAppStore((s) => s.classNames);
  // While an attack for new settings runs, the image on screen is the earlier one: test the new one when it comes.
  const current = useAppStore((s) => s.outcome?.for === attackKeyOf(s));
  const t = transfer && outcome && transfer.for === outcome.for ? transfer : null;
  return (
    <section className="panel transfer" aria-label="Transfer to other models" data-lesson-focus="transfer">
      <h2>Transfer</h2>
      <p className="muted small">Show the adversarial image to every model, not only the one it was made against.</p>
      <button type="button" className="secondary" disabled={!outcome || !current} onClick={() => void measureTransfer()}>
        Test on all models
      </button>
      {t && 'error' in t && (
        <p className="error" role="alert">
          {t.error}
        </p>
      )}
      {t && 'rows' in t && (
        <table className="transfer-table" data-testid="transfer">
          <thead>
            <tr>
              <th scope="col">Model</th>
              <th scope="col">Says</th>
              <th scope="col">Fooled?</th>
            </tr>
          </thead>
          <tbody>
            {t.rows.map((r) => (
              <tr key={r.modelId}>
                <td>
                  {r.name}
                  {r.attacked && <span className="muted"> (attacked)</span>}
                </td>
                <td>
                  {classNames[r.pred]} ({(r.prob * 100).toFixed(0)}%)
                </td>
                <td className={r.fooled ? 'error' : r.verdict.kind.startsWith('already') ? 'muted' : 'good'}>
                  {r.fooled
                    ? 'yes'
                    : r.verdict.kind === 'already-wrong' || ('wasWrong' in r.verdict && r.verdict.wasWrong)
                      ? 'no (already wrong)'
                      : r.verdict.kind === 'already-target'
                        ? 'no (already the target)'
                        : 'no'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
