import { Command } from 'commander';
import { registerDemoCommand } from './commands/demo';
import { registerQueryCommand } from './commands/query';
import { registerRunCommand } from './commands/run';

const program = new Command()
  .name('kzmon')
  .description('kz-news-monitor: Kazakhstan–US and C5+1 news from Kazinform and the MFA of Kazakhstan, with alerts')
  .showHelpAfterError();

registerDemoCommand(program);
registerRunCommand(program);
registerQueryCommand(program);

program.parseAsync(process.argv).catch((err: Error) => {
  process.stderr.write(`kzmon: ${err.message}\n`);
  process.exitCode = 1;
});
