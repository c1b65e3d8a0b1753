import { Command } from 'commander';
import { registerBackfillCommand } from './backfill';
import { registerClassifyCommand } from './classify';
import { configureProgram } from './cli-support';
import { registerDemoCommand } from './demo';
import { registerExplainCommand } from './explain';
import { registerQueryCommand } from './query';
import { registerRunCommand } from './run';
import { registerServeCommand } from './serve';
import { registerSourcesCommand } from './sources';
import { registerSubscribersCommand } from './subscribers';

/** Every kzmon command, registered once: the CLI runs it and the tests read its help against the README. */
export function buildProgram(): Command {
  const program = configureProgram(
    new Command()
      .name('kzmon')
      .description(
        'kz-news-monitor: Kazakhstan–US and C5+1 news from Kazinform and the MFA of Kazakhstan, with alerts',
      ),
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
  return program;
}
