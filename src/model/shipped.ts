// The models the site ships (models/<id>/), by the id the picker, links and lessons use.

/** The undefended model: the page opens on it, and falls back to it. */
export const STANDARD_MODEL_ID = 'standard';
/** Its adversarially trained twin. */
export const ROBUST_MODEL_ID = 'robust';
