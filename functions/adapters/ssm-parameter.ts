import { GetParameterCommand, type SSMClient } from '@aws-sdk/client-ssm';

/**
 * A SecureString parameter read at run time (the Telegram bot token: the operator puts it in Parameter
 * Store, so it is never in the template or the function's environment), kept for a few minutes so a
 * rotated token is picked up without a redeploy.
 */
export class SecureParameter {
  private cached?: { value: string; until: number };

  constructor(
    private readonly client: SSMClient,
    private readonly name: string,
    private readonly ttlMs = 5 * 60_000,
    private readonly clock: () => number = Date.now,
  ) {}

  /** The value, or undefined when the parameter does not exist (not configured). */
  async get(): Promise<string | undefined> {
    if (this.cached && this.cached.until > this.clock()) return this.cached.value;
    try {
      const res = await this.client.send(new GetParameterCommand({ Name: this.name, WithDecryption: true }));
      const value = res.Parameter?.Value;
      if (!value) return undefined;
      this.cached = { value, until: this.clock() + this.ttlMs };
      return value;
    } catch (err) {
      if ((err as Error).name === 'ParameterNotFound') return undefined;
      throw new Error(`could not read the SSM parameter ${this.name}: ${(err as Error).message}`);
    }
  }
}
