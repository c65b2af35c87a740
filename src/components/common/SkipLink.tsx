/**
 * The first Tab stop: straight to the attack's first control (epsilon, for most attacks), past the header and
 * the charts. Not an in-page '#...' link: the hash holds the lab's state, and changing it would reset the lab.
 */
export function SkipLink() {
  return (
    <a
      className="skip-link"
      href="#lab"
      onClick={(e) => {
        e.preventDefault();
        const target = document.querySelector<HTMLElement>('section[aria-label="Attack"] input[type="range"], section[aria-label="Attack"] input, #lab');
        target?.focus();
      }}
    >
      Skip to the attack controls
    </a>
  );
}
