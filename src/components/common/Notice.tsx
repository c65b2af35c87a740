import { useAppStore } from '../../state/store.ts';

/** One dismissible message for things the user should know (a link that was partly ignored, a lost GPU context). */
export function Notice() {
  const notice = useAppStore((s) => s.notice);
  const setNotice = useAppStore((s) => s.setNotice);
  if (!notice) return null;
  return (
    <div className="notice" role="alert" data-testid="notice">
      <span>{notice}</span>
      <button type="button" onClick={() => setNotice(null)} aria-label="Dismiss message">
        ×
      </button>
    </div>
  );
}
