/**
 * npm run teams:package [-- --out FILE]: the Teams app package (a zip with manifest.json,
 * color.png and outline.png) for this installation. Reads MICROSOFT_APP_ID (required: the
 * Azure Bot's app id), TEAMS_APP_ID (optional; default the same id) and SAMEN_PUBLIC_URL
 * (optional: the server's https URL, whose host goes into validDomains) from the
 * environment or .env, validated with the other settings' rules (src/config.ts). Upload the zip in Teams (Apps → Manage your apps → Upload an app) or
 * the Teams admin center; see manifest/teams/README.md.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildPackage } from '../channels/teams/app-package.js';
import { ConfigError, loadTeamsPackageConfig, type TeamsPackageConfig } from '../config.js';

const { values } = parseArgs({ options: { out: { type: 'string', default: 'dist/samen-teams.zip' } } });

let config: TeamsPackageConfig;
try {
  config = loadTeamsPackageConfig();
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  console.error(`Cannot build the Teams package:\n${err.problems.map((p) => `  - ${p.setting} ${p.message}`).join('\n')}`);
  process.exit(2);
}
const appId = config.MICROSOFT_APP_ID;
if (!appId) {
  console.error('MICROSOFT_APP_ID is not set: set it to the Microsoft App ID of your Azure Bot (see manifest/teams/README.md).');
  process.exit(2);
}
const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

try {
  const { manifest, zip } = buildPackage({
    appId,
    teamsAppId: config.TEAMS_APP_ID,
    publicUrl: config.SAMEN_PUBLIC_URL,
    version,
  });
  const out = resolve(values.out ?? 'dist/samen-teams.zip');
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, zip);
  console.log(`Wrote ${out} (${zip.length} bytes): Teams app ${manifest.id}, bot ${manifest.bots[0].botId}, version ${manifest.version}.`);
  if (!manifest.validDomains?.length) console.log('Note: SAMEN_PUBLIC_URL is not set, so validDomains is empty (a bot-only app needs none).');
} catch (err) {
  console.error(`Cannot build the Teams package: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
