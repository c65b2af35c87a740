import { useAppStore } from '../../state/store.ts';

/** Which tfjs backend runs the model, and what that means for the user. */
export function StatusLine() {
  const backend = useAppStore((s) => s.backend);
  let text: string;
  let detail: string | undefined;
  if (backend.status === 'starting') text = 'Backend: starting…';
  else if (backend.status === 'failed') text = `Backend: none (${backend.message})`;
  else {
    const { name, float32RenderTargets, fallbacks } = backend.info;
    const precision =
      name === 'webgl' ? (float32RenderTargets ? 'float32 render targets: yes' : 'float32 render targets: no (float16; training may be unstable)') : 'float32';
    text = `Backend: ${name} · ${precision}`;
    if (fallbacks.length > 0) detail = `Fell back to ${name}: ${fallbacks.join('; ')}`;
  }
  return (
    <footer className="status-line" role="status" aria-live="polite">
      <span data-testid="backend-line">{text}</span>
      {detail && <span className="muted"> — {detail}</span>}
    </footer>
  );
}
