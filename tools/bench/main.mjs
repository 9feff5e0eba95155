// `npm run bench [-- <area> ...]`: a launcher that lets Node run the TypeScript runner (main.ts)
// through tsx's loader, in this same process.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2));
