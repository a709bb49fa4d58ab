// Microsoft's Open XML validator, as the tests call it: the same signature
// as @ooxml-tools/validate's, answered by the one validator the run started
// (test/support/ooxml-server.ts, from test/global-setup.ts) instead of a
// copy loaded in each test file.
import type { Format, OfficeVersion, ValidationResult } from '@ooxml-tools/validate';
import { inject } from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    ooxmlValidator: string;
  }
}

export default async function validate(
  bytes: Uint8Array,
  format: Format,
  version: OfficeVersion = 'Microsoft365',
): Promise<ValidationResult[]> {
  const url = `${inject('ooxmlValidator')}?format=${format}&version=${version}`;
  const r = await fetch(url, {
    method: 'POST',
    body: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as BodyInit,
  });
  if (!r.ok) throw new Error(`the Open XML validator failed: ${await r.text()}`);
  return (await r.json()) as ValidationResult[];
}
