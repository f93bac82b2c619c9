import fs from 'node:fs';
import * as prettier from 'prettier';

/** Writes a report through prettier with the repository's settings, so `npm run check` passes. */
export async function writeFormatted(file: string, text: string) {
  const options = (await prettier.resolveConfig(file)) ?? {};
  fs.writeFileSync(file, await prettier.format(text, { ...options, filepath: file }));
}
