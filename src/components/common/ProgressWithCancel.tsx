/** A long computation in flight: its progress bar and a Cancel button. */
export function ProgressWithCancel({ progress, label, onCancel }: { progress: number; label: string; onCancel: () => void }) {
  return (
    <div className="run-line">
      <progress max={1} value={progress} aria-label={label} />
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}
