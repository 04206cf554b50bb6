// `npm run bench`: each benchmark prints its time against a bare baseline measured in the same run.
import { stepRecording } from './step-recording';

await stepRecording();
