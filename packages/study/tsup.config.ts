import { numfeatTsup } from '../../tsup.base';

// run-task: the module the pool's workers import to run one study run (runStudyTask).
// shims: the CJS build gets a working import.meta.url (profiles, paper values, the task module).
export default numfeatTsup({ entry: { index: 'src/index.ts', 'run-task': 'src/run-task.ts' }, shims: true });
