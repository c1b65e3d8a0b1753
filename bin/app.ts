import { DeploySettingsError } from '../lib/config';
import { buildApp } from '../lib/app';

try {
  buildApp();
} catch (err) {
  // A bad setting is the user's to fix: say what and where, without a stack trace.
  if (!(err instanceof DeploySettingsError)) throw err;
  process.stderr.write(
    `${err.message}\nSettings: deploy.settings.json (see deploy.settings.example.json) or -c key=value.\n`,
  );
  process.exit(1);
}
