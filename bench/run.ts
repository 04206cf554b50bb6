// `npm run bench`: each benchmark prints its figures with their targets and PASS or FAIL, against a
// bare baseline measured in the same run where there is one; a summary of every figure comes last.
import { printSummary } from './harness';
import { packImport } from './pack-import';
import { rendererSpeed } from './renderer';
import { reportsSpeed } from './reports';
import { stepRecording } from './step-recording';
import { stickReads } from './stick-reads';

await stepRecording();
await packImport();
await rendererSpeed();
await stickReads();
await reportsSpeed();
await (await import('./report-screen')).reportScreenSpeed();
await (await import('./collector-ingest')).collectorIngest();
printSummary();
