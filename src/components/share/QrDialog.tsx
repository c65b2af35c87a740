import { useEffect, useRef, useState } from 'react';
import QRCode from 'qrcode';

/** Of the window: large enough to scan from the back of a room, small enough to leave the address readable. */
const SHARE_OF_WIDTH = 0.8;
const SHARE_OF_HEIGHT = 0.62;

/** Addresses a phone on the same network cannot open. */
const ONLY_THIS_COMPUTER = /^https?:\/\/(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?\//;

/** The link to this view as a QR code in a modal dialog, sized for a projector, with the address under it. */
export function QrDialog({ url, onClose }: { url: string; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
  }, []);
  useEffect(() => {
    if (!canvas.current) return;
    const width = Math.floor(Math.min(window.innerWidth * SHARE_OF_WIDTH, window.innerHeight * SHARE_OF_HEIGHT));
    QRCode.toCanvas(canvas.current, url, { width, margin: 4, errorCorrectionLevel: 'M' }).then(
      () => setProblem(null),
      () => setProblem(`This link is ${url.length} characters long, too long for a QR code a phone can read. Copy the link instead.`),
    );
  }, [url]);
  return (
    <dialog ref={dialog} className="qr-dialog" aria-labelledby="qr-title" onClose={onClose} data-testid="qr-dialog">
      <h2 id="qr-title">Open this view on a phone</h2>
      {problem ? (
        <p className="error" role="alert">
          {problem}
        </p>
      ) : (
        <canvas ref={canvas} className="qr-code" data-testid="qr-code" role="img" aria-label={`QR code of the link ${url}`} />
      )}
      <p className="qr-link" data-testid="qr-link">
        {url}
      </p>
      {ONLY_THIS_COMPUTER.test(url) && (
        <p className="notice small" data-testid="qr-local">
          This address only works on this computer: a phone can open it once the site is hosted where the class can reach it.
        </p>
      )}
      <button type="button" onClick={() => dialog.current?.close()} autoFocus>
        Close
      </button>
    </dialog>
  );
}
