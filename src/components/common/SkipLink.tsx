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
        const first = (selector: string) => document.querySelector<HTMLElement>(selector);
        (first('section[aria-label="Attack"] input[type="range"]') ?? first('section[aria-label="Attack"] input') ?? first('#lab'))?.focus();
      }}
    >
      Skip to the attack controls
    </a>
  );
}
