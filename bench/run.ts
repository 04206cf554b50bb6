// `npm run bench`: each benchmark prints its time against a bare baseline measured in the same run.
import { packImport } from './pack-import';
import { rendererSpeed } from './renderer';
import { reportsSpeed } from './reports';
import { stepRecording } from './step-recording';

await stepRecording();
await packImport();
await rendererSpeed();
await reportsSpeed();
await (await import('./report-screen')).reportScreenSpeed();
await (await import('./collector-ingest')).collectorIngest();
