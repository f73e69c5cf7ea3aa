import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const gcdsFontsDir = path.join(
  path.dirname(require.resolve('@gcds-core/fonts/package.json')),
  'fonts',
);

/**
 * The GC Design System stylesheet loads its fonts from Google Fonts and its icon font from a CDN.
 * The server's CSP allows only our own origin, and the app must work offline: drop the remote
 * import (web/src/styles/fonts.css declares the self-hosted faces) and point the icon font at the
 * copy in @gcds-core/fonts, which Vite then bundles.
 */
function selfHostGcdsFonts(): Plugin {
  return {
    name: 'peaceops:self-host-gcds-fonts',
    enforce: 'pre',
    transform(code, id) {
      const file = id.split('?')[0] ?? id;
      if (!file.endsWith(`${path.sep}gcds.css`) && !file.endsWith('/gcds.css')) return null;
      const iconsDir = path
        .relative(path.dirname(file), path.join(gcdsFontsDir, 'icons'))
        .split(path.sep)
        .join('/');
      const out = code
        .replace(/@import\s+url\(\s*["']?https:\/\/fonts\.googleapis\.com[^)]*\)\s*;?/g, '')
        .replace(
          /https:\/\/cdn\.design-system\.canada\.ca\/@gcds-core\/fonts@[^/]+\/icons\//g,
          `${iconsDir}/`,
        );
      if (/https?:\/\//.test(out.replace(/http:\/\/www\.w3\.org\/[^)"']*/g, ''))) {
        this.warn('gcds.css still references a remote URL: the CSP will block it');
      }
      return { code: out, map: null };
    },
  };
}

export default defineConfig({
  root: path.join(here, 'web'),
  base: '/',
  publicDir: path.join(here, 'web/public'),
  plugins: [selfHostGcdsFonts(), react()],
  build: {
    outDir: path.join(here, 'dist/web'),
    emptyOutDir: true,
    // The CSP allows no inline script: no module-preload polyfill in index.html.
    modulePreload: { polyfill: false },
    // Fonts must be files (font-src 'self'), not inlined when small.
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    fs: { allow: [here] },
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
});
