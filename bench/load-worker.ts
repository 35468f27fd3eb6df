// Runs one load test in its own process, so that the client does not share an event loop (and a
// core) with the server it measures. Prints the result as JSON.
import { load } from './load.ts';

const { url, seconds, concurrency, headers } = JSON.parse(process.argv[2] as string);
console.log(JSON.stringify(await load(url, { seconds, concurrency, headers })));
