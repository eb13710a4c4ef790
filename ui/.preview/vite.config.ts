import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
export default defineConfig({ root: __dirname, plugins: [svelte({ configFile: '../svelte.config.js' })], build: { outDir: '/tmp/preview-dist', emptyOutDir: true } });
