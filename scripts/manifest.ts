/**
 * Write oclif.manifest.json: each command's flags and help, so `sf` lists and runs the plugin's commands without
 * loading every command module first (without it, every `sf` start loads all of them). What `oclif manifest`
 * does, with the @oclif/core the plugin already depends on. Run by prepack; a plugin root may be passed.
 */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Plugin } from '@oclif/core';

export const writeManifest = async (root: string): Promise<string> => {
  const plugin = new Plugin({ root, type: 'core', ignoreManifest: true, errorOnManifestCreate: true, respectNoCacheDefault: true });
  await plugin.load();
  const path = join(root, 'oclif.manifest.json');
  writeFileSync(path, `${JSON.stringify(plugin.manifest, null, 2)}\n`);
  return path;
};

if (import.meta.filename === process.argv[1]) {
  process.stdout.write(`${await writeManifest(resolve(process.argv[2] ?? join(import.meta.dirname, '..')))}\n`);
}
