/**
 * The Telegram bot as the deliver and subscriber functions use it: the token is a SecureString the
 * operator keeps in Parameter Store, read at run time (never in the template or the environment).
 */
import { SSMClient } from '@aws-sdk/client-ssm';
import { SecureParameter } from '../adapters/ssm-parameter';
import { TelegramClient } from '../adapters/telegram-client';
import type { TelegramTransport } from '../domain/ports';

/** The bot, built once the token is read; undefined while the operator has not stored a token. */
export function telegramFromSsm(): () => Promise<TelegramTransport | undefined> {
  const name = process.env.TELEGRAM_TOKEN_PARAMETER;
  if (!name) return async () => undefined;
  const parameter = new SecureParameter(new SSMClient({}), name);
  let client: { token: string; bot: TelegramClient } | undefined;
  return async () => {
    const token = await parameter.get();
    if (!token) return undefined;
    if (client?.token !== token) {
      client = {
        token,
        bot: new TelegramClient({ token, apiBase: process.env.TELEGRAM_API_BASE || undefined }),
      };
    }
    return client.bot;
  };
}
