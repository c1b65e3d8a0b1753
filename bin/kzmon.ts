import { runProgram } from './commands/cli-support';
import { buildProgram } from './commands/program';

void runProgram(buildProgram(), process.argv);
