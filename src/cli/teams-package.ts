/**
 * npm run teams:package [-- --out FILE] [--manifest DIR] [--allow-example-urls]: the Teams app package (a zip with
 * manifest.json, color.png and outline.png) for this installation. Reads MICROSOFT_APP_ID (required: the Azure Bot's
 * app id), TEAMS_APP_ID (optional; default the same id) and SAMEN_PUBLIC_URL (optional: the server's https URL, whose
 * host goes into validDomains) from the environment or .env, validated with the other settings' rules
 * (src/config.ts). The manifest (manifest/teams, or --manifest DIR) must name the organisation's own website, privacy
 * and terms pages; with the example ones it refuses, unless --allow-example-urls (a test upload to one's own tenant).
 * Upload the zip in Teams (Apps → Manage your apps → Upload an app) or the Teams admin center; see manifest/teams/README.md.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { MANIFEST_DIR, buildPackage, exampleUrls, readManifestTemplate } from '../channels/teams/app-package.js';
import { ConfigError, loadTeamsPackageConfig, type TeamsPackageConfig } from '../config.js';

const { values } = parseArgs({
  options: {
    out: { type: 'string', default: 'dist/samen-teams.zip' },
    manifest: { type: 'string', default: MANIFEST_DIR },
    'allow-example-urls': { type: 'boolean', default: false },
  },
});
const manifestDir = resolve(values.manifest ?? MANIFEST_DIR);

let config: TeamsPackageConfig;
try {
  config = loadTeamsPackageConfig();
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  console.error(`Cannot build the Teams package:\n${err.problems.map((p) => `  - ${p.setting} ${p.message}`).join('\n')}`);
  process.exit(2);
}
// Everything that is missing, said at once.
const appId = config.MICROSOFT_APP_ID;
const problems: string[] = [];
if (!appId) {
  problems.push(
    'MICROSOFT_APP_ID is not set: set it (in the environment or .env) to the Microsoft App ID of your Azure Bot ' +
      '(Azure portal → your Azure Bot → Configuration), e.g. MICROSOFT_APP_ID=<app id> npm run teams:package.',
  );
}
let examples: { field: string; url: string }[] = [];
try {
  examples = exampleUrls(readManifestTemplate(manifestDir));
} catch (err) {
  problems.push(err instanceof Error ? err.message : String(err));
}
const exampleList = examples.map((e) => `${e.field} ${e.url}`).join(', ');
if (examples.length > 0 && !values['allow-example-urls']) {
  problems.push(
    `${join(manifestDir, 'manifest.json')} still has example addresses (${exampleList}): Teams shows them to every user and ` +
      "admin of the app. Put your organisation's website, privacy statement and terms of use there (and developer.name), " +
      'or add --allow-example-urls for a test upload to your own tenant only.',
  );
}
if (problems.length > 0) {
  console.error(`Cannot build the Teams app package:\n${problems.map((p) => `  - ${p}`).join('\n')}\nSee manifest/teams/README.md, section 3.`);
  process.exit(2);
}
if (examples.length > 0) {
  console.error(
    `WARNING: this package still has example addresses (${exampleList}). Upload it only to test in your own tenant, ` +
      "never to your organisation's app catalogue.",
  );
}
const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

try {
  const { manifest, zip } = buildPackage(
    {
      appId: appId!,
      teamsAppId: config.TEAMS_APP_ID,
      publicUrl: config.SAMEN_PUBLIC_URL,
      version,
    },
    manifestDir,
  );
  const out = resolve(values.out ?? 'dist/samen-teams.zip');
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, zip);
  console.log(`Wrote ${out} (${zip.length} bytes): Teams app ${manifest.id}, bot ${manifest.bots[0].botId}, version ${manifest.version}.`);
  if (!manifest.validDomains?.length) console.log('Note: SAMEN_PUBLIC_URL is not set, so validDomains is empty (a bot-only app needs none).');
} catch (err) {
  console.error(`Cannot build the Teams package: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
