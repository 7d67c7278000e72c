#!/usr/bin/env node
// The `alliance87` command (the package's bin, as npx runs it): loads the TypeScript CLI through
// tsx, runs the command named by the arguments and exits with its code.
import process from 'node:process';
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../src/cli.ts');
process.exitCode = await runCli({ argv: process.argv.slice(2) });
