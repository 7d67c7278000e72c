// Entry point of the embedded database thread: lets the thread load TypeScript, then runs it.
import { register } from 'tsx/esm/api';

register();
await import('./embedded-worker.ts');
