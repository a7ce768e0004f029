/**
 * npm run teams:package [-- --out FILE]: the Teams app package (a zip with manifest.json,
 * color.png and outline.png) for this installation. Reads MICROSOFT_APP_ID (required: the
 * Azure Bot's app id), TEAMS_APP_ID (optional; default the same id) and SAMEN_PUBLIC_URL
 * (optional: the server's https URL, whose host goes into validDomains) from the
 * environment or .env. Upload the zip in Teams (Apps → Manage your apps → Upload an app) or
 * the Teams admin center; see manifest/teams/README.md.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { config as loadDotenv } from 'dotenv';
import { buildPackage } from '../channels/teams/app-package.js';

const { values } = parseArgs({ options: { out: { type: 'string', default: 'dist/samen-teams.zip' } } });
loadDotenv({ quiet: true });

const appId = process.env.MICROSOFT_APP_ID?.trim();
if (!appId) {
  console.error('MICROSOFT_APP_ID is not set: set it to the Microsoft App ID of your Azure Bot (see manifest/teams/README.md).');
  process.exit(2);
}
const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

try {
  const { manifest, zip } = buildPackage({
    appId,
    teamsAppId: process.env.TEAMS_APP_ID?.trim() || undefined,
    publicUrl: process.env.SAMEN_PUBLIC_URL?.trim() || undefined,
    version,
  });
  const out = resolve(values.out!);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, zip);
  console.log(`Wrote ${out} (${zip.length} bytes): Teams app ${manifest.id}, bot ${manifest.bots[0].botId}, version ${manifest.version}.`);
  if (!manifest.validDomains.length) console.log('Note: SAMEN_PUBLIC_URL is not set, so validDomains is empty (a bot-only app needs none).');
} catch (err) {
  console.error(`Cannot build the Teams package: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
