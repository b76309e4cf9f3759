#!/usr/bin/env node
// The verifier is TypeScript run through tsx, like the repository's other commands: no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli.ts');
process.exitCode = await main(process.argv.slice(2));
