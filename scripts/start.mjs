import { ensureBuild } from './ensure-build.mjs';

ensureBuild();
await import('../dist/main.js');
