// Vite config for the mocked-backend browser preview (see main.ts). Not part of the app build.
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

export default defineConfig({
  root: __dirname,
  plugins: [svelte({ configFile: '../svelte.config.js' })],
  server: { port: 1421, strictPort: true },
  build: { outDir: 'dist', emptyOutDir: true },
});
