/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The gateway serves the console under /console/ from the web module's jar (META-INF/resources),
// so Maven passes the jar's output directory; `npm run build` alone writes dist/.
export default defineConfig({
  base: '/console/',
  plugins: [react()],
  build: {
    outDir: process.env.SLIPWAY_CONSOLE_OUT ?? 'dist',
    emptyOutDir: true,
  },
  test: {
    environment: 'jsdom',
    setupFiles: ['./src/test-setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    // userEvent types key by key; on a 2-core machine shared with builds, typing a form took 30 s.
    testTimeout: 120_000,
  },
});
