// Builds the floor and the Excalidraw page into dist/ (the driver serves it).
import { resolve } from 'node:path';

const here = import.meta.dirname;
export default {
  root: here,
  base: '/',
  logLevel: 'warn',
  build: {
    outDir: resolve(here, 'dist'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 10000,
    rollupOptions: { input: { floor: resolve(here, 'floor/index.html'), excalidraw: resolve(here, 'excalidraw/index.html') } },
  },
};
