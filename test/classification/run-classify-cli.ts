/** A tiny entry point for the CLI test: `kzmon classify` wired into a bare commander program. */
import { Command } from 'commander';
import { registerClassifyCommand } from '../../bin/commands/classify';

const program = new Command().name('kzmon');
registerClassifyCommand(program);
program.parseAsync(process.argv).catch((err: unknown) => {
  process.stderr.write(`${String(err)}\n`);
  process.exitCode = 1;
});
