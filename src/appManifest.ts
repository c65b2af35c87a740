// The web app manifest (what makes the site installable as an app): vite.config.ts hands it to vite-plugin-pwa,
// scripts/icons.ts renders the icon at these sizes, and a test checks each PNG is there at its size.
export const APP_ICON_SIZES = [192, 512] as const;

export const APP_MANIFEST = {
  name: 'Epsilon: adversarial examples in the browser',
  short_name: 'Epsilon',
  description: 'See, feel and teach adversarial examples in your browser.',
  // Relative, like the build's base: the app works from any sub-path.
  start_url: './',
  scope: './',
  display: 'standalone' as const,
  background_color: '#0f1117',
  theme_color: '#0f1117',
  icons: [
    ...APP_ICON_SIZES.map((size) => ({ src: `icons/icon-${size}.png`, sizes: `${size}x${size}`, type: 'image/png', purpose: 'any' as const })),
    { src: 'icons/icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' as const },
  ],
};
