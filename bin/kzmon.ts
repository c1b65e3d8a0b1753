import { Command } from 'commander';
import { configureProgram, runProgram } from './commands/cli-support';
import { registerBackfillCommand } from './commands/backfill';
import { registerClassifyCommand } from './commands/classify';
import { registerDemoCommand } from './commands/demo';
import { registerExplainCommand } from './commands/explain';
import { registerQueryCommand } from './commands/query';
import { registerRunCommand } from './commands/run';
import { registerSourcesCommand } from './commands/sources';
import { registerServeCommand } from './commands/serve';
import { registerSubscribersCommand } from './commands/subscribers';

const program = configureProgram(
  new Command()
    .name('kzmon')
    .description('kz-news-monitor: Kazakhstan–US and C5+1 news from Kazinform and the MFA of Kazakhstan, with alerts'),
);

registerDemoCommand(program);
registerRunCommand(program);
registerBackfillCommand(program);
registerSourcesCommand(program);
registerQueryCommand(program);
registerExplainCommand(program);
registerClassifyCommand(program);
registerServeCommand(program);
registerSubscribersCommand(program);

void runProgram(program, process.argv);
