import { Command } from 'commander';
import { registerClassifyCommand } from './commands/classify';
import { registerDemoCommand } from './commands/demo';
import { registerExplainCommand } from './commands/explain';
import { registerQueryCommand } from './commands/query';
import { registerRunCommand } from './commands/run';
import { registerSourcesCommand } from './commands/sources';
import { registerServeCommand } from './commands/serve';

const program = new Command()
  .name('kzmon')
  .description('kz-news-monitor: Kazakhstan–US and C5+1 news from Kazinform and the MFA of Kazakhstan, with alerts')
  .showHelpAfterError();

registerDemoCommand(program);
registerRunCommand(program);
registerSourcesCommand(program);
registerQueryCommand(program);
registerExplainCommand(program);
registerClassifyCommand(program);
registerServeCommand(program);

program.parseAsync(process.argv).catch((err: Error) => {
  process.stderr.write(`kzmon: ${err.message}\n`);
  process.exitCode = 1;
});
