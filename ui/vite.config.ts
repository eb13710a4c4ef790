// Vite build (ui/dist, embedded by Tauri) and vitest configuration.
import { defineConfig, type Plugin } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';

/**
 * The calendar library keys each timed event's component by a uid it gives every event object
 * it parses, so a day switch (a new set of objects) destroys the whole day's components and
 * builds the next one's: four Svelte components per appointment, ~90 % of a switch's script
 * (BENCHMARKS.md, "Stop 17"). Keyed by position instead, the components already on screen take
 * the next day's chunks as new props; everything in them is derived from the chunk, so nothing
 * of the old event survives. The build fails if the library's markup ever changes under it.
 */
export function reuseCalendarEvents(): Plugin {
  // The appointments and the shaded (closed or blocked) time.
  const KEYED = ['{#each chunks as chunk (chunk.id)}', '{#each bgChunks as chunk (chunk.id)}'];
  return {
    name: 'charta:reuse-calendar-events',
    enforce: 'pre',
    transform(code, id) {
      if (!id.replaceAll('\\', '/').includes('@event-calendar/core/src/plugins/time-grid/View.svelte')) return null;
      let out = code;
      for (const keyed of KEYED) {
        if (!out.includes(keyed)) throw new Error(`@event-calendar/core's time-grid View no longer has "${keyed}": see reuseCalendarEvents in vite.config.ts`);
        out = out.replace(keyed, keyed.replace(' (chunk.id)', ''));
      }
      return { code: out, map: null };
    },
  };
}

export default defineConfig({
  plugins: [reuseCalendarEvents(), svelte(), svelteTesting()],
  clearScreen: false,
  server: { port: 1420, strictPort: true },
  build: { target: 'es2022', outDir: 'dist', emptyOutDir: true },
  resolve: process.env.VITEST ? { conditions: ['browser'] } : undefined,
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.ts'],
    restoreMocks: true,
  },
});
