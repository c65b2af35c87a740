import { useState } from 'react';
import { useAppStore } from '../../state/store.ts';
import { currentConfig, SUPPORTS_TARGET } from '../../state/attackSlice.ts';
import { amplification, amplifiedRgb, divergingRgb, toBytes } from '../../data/visualize.ts';
import { shareLink } from '../../runtime/share.ts';
import { downloadBlob } from '../../runtime/files/index.ts';
import { pixelsToPng } from './pixelsToPng.ts';
import { pythonSnippet } from '../../attacks/catalog.ts';
import { QrDialog } from './QrDialog.tsx';

async function copy(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/** Download the images, copy a link to this exact state (or show it as a QR code), or the same attack as Python. */
export function SharePanel() {
  const outcome = useAppStore((s) => s.outcome);
  const config = useAppStore(currentConfig);
  const target = useAppStore((s) => (SUPPORTS_TARGET[s.attackKind] ? s.target : null));
  const colormap = useAppStore((s) => s.view.colormap);
  const [link, setLink] = useState<{ url: string; omitted: string[]; copied: boolean } | null>(null);
  const [python, setPython] = useState<{ code: string; copied: boolean } | null>(null);
  const [qr, setQr] = useState<string | null>(null);
  const name = `epsilon-${config.kind}`;
  return (
    <section className="panel share" aria-label="Keep and share">
      <h2>Keep and share</h2>
      <div className="button-row">
        <button
          type="button"
          className="secondary"
          disabled={!outcome}
          onClick={async () => outcome && downloadBlob(await pixelsToPng(toBytes(outcome.adversarial)), `${name}-adversarial.png`)}
        >
          Download adversarial PNG
        </button>
        <button
          type="button"
          className="secondary"
          disabled={!outcome}
          onClick={async () => {
            if (!outcome) return;
            const f = amplification(outcome.delta);
            const px = colormap === 'diverging' ? divergingRgb(outcome.delta, f) : amplifiedRgb(outcome.delta, f);
            downloadBlob(await pixelsToPng(px, 8), `${name}-perturbation-x${f}.png`);
          }}
        >
          Download perturbation PNG
        </button>
        <button
          type="button"
          className="secondary"
          onClick={async () => {
            const { url, omitted } = shareLink();
            window.history.replaceState(null, '', url);
            setLink({ url, omitted, copied: await copy(url) });
          }}
        >
          Copy link
        </button>
        <button
          type="button"
          className="secondary"
          onClick={() => {
            const { url } = shareLink();
            window.history.replaceState(null, '', url);
            setQr(url);
          }}
        >
          Show QR code
        </button>
        <button
          type="button"
          className="secondary"
          onClick={async () => {
            const code = pythonSnippet(config, target);
            setPython({ code, copied: await copy(code) });
          }}
        >
          Copy as Python
        </button>
      </div>
      {link && (
        <p className="small">
          {link.copied ? 'Link copied. ' : 'Copy this link: '}
          <input
            className="link-field"
            readOnly
            value={link.url}
            aria-label="Link to this state"
            data-testid="share-link"
            onFocus={(e) => e.target.select()}
          />
          {link.omitted.length > 0 && (
            <span className="muted" data-testid="share-omitted">
              {' '}
              Not in the link (it exists in this tab only): {link.omitted.join('; ')}.
            </span>
          )}
        </p>
      )}
      {qr && <QrDialog url={qr} onClose={() => setQr(null)} />}
      {python && (
        <>
          <p className="small muted">{python.copied ? 'Copied to the clipboard:' : 'Select and copy:'}</p>
          <pre className="python" data-testid="python-snippet">
            {python.code}
          </pre>
        </>
      )}
    </section>
  );
}
