// Worker entry: lets a worker thread run the TypeScript scorer through tsx, as the CLI does.
import { register } from 'tsx/esm/api';

register();
await import('./score-worker.ts');
