/** Where the skip links lead: the first control of each main section, found by its landmark's name. */
const TARGETS: { label: string; section: string }[] = [
  { label: 'Skip to the attack controls', section: 'section[aria-label="Attack"]' },
  { label: 'Skip to the gallery', section: 'section.gallery-panel' },
  { label: 'Skip to adversarial training', section: 'section[aria-label="Adversarial training"]' },
];

/** The first control of a section (a slider before any other, for the attack's epsilon). */
function firstControl(section: string): HTMLElement | null {
  const q = (selector: string) => document.querySelector<HTMLElement>(selector);
  return (
    q(`${section} input[type="range"]:not([disabled])`) ?? q(`${section} :is(button, input, select, textarea, a[href]):not([disabled])`) ?? q(section)
  );
}

/**
 * The first Tab stops: straight to the attack's first control (epsilon, for most attacks), the gallery or
 * training, past the header and the charts (some 150 stops before training otherwise). Not in-page '#...' links:
 * the hash holds the lab's state, and changing it would reset the lab.
 */
export function SkipLink() {
  return (
    <nav className="skip-links" aria-label="Skip links">
      {TARGETS.map((t) => (
        <a
          key={t.label}
          className="skip-link"
          href="#lab"
          onClick={(e) => {
            e.preventDefault();
            const el = firstControl(t.section);
            el?.scrollIntoView({ block: 'center' });
            el?.focus();
          }}
        >
          {t.label}
        </a>
      ))}
    </nav>
  );
}
