#!/usr/bin/env node
import { ensureBuild } from '../scripts/ensure-build.mjs';

ensureBuild();
await import('../dist/cli/main.js');
