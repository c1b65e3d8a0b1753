import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

// Each alert goes through these functions; full zod tripled their bundles (and cold starts). They only
// read subscribers the API already validated, so they carry no schema at all.
const ALERT_PATH = ['alert', 'digest', 'stream-alert', 'deliver'];

async function bundleInputs(handler: string): Promise<{ inputs: string[]; bytes: number }> {
  const result = await build({
    entryPoints: [`functions/handlers/${handler}.ts`],
    bundle: true,
    minify: true,
    platform: 'node',
    format: 'esm',
    external: ['@aws-sdk/*'],
    metafile: true,
    write: false,
    logLevel: 'silent',
  });
  const inputs = Object.keys(result.metafile.inputs);
  return { inputs, bytes: result.outputFiles[0].contents.byteLength };
}

describe('alert-path Lambda bundles', () => {
  it.each(ALERT_PATH)(
    '%s bundles no zod and stays under 200 KB',
    async (handler) => {
      const { inputs, bytes } = await bundleInputs(handler);
      expect(inputs.filter((path) => path.includes('node_modules/zod/'))).toEqual([]);
      expect(bytes).toBeLessThan(200 * 1024);
    },
    30_000,
  );

  it('subscribers (the API that validates them) bundles zod/mini, not full zod', async () => {
    const { inputs, bytes } = await bundleInputs('subscribers');
    expect(inputs.filter((path) => path.includes('node_modules/zod/v4/classic/'))).toEqual([]);
    expect(inputs.some((path) => path.includes('node_modules/zod/v4/mini/'))).toBe(true);
    expect(bytes).toBeLessThan(200 * 1024);
  }, 30_000);
});
