// Loaded with `node --import` by the benchmark: writes the process's peak
// resident set size (kB) to the file named in BRIEF_BENCH_RSS when it exits.
import { writeFileSync } from 'node:fs';

const file = process.env.BRIEF_BENCH_RSS;
if (file) process.on('exit', () => writeFileSync(file, String(process.resourceUsage().maxRSS)));
