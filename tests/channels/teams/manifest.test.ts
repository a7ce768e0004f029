/**
 * The Teams app package: manifest.json against Microsoft's published JSON schema for its
 * version (shipped in the @microsoft/app-manifest package of the Microsoft 365 Agents
 * Toolkit), the icons Teams requires, and the zip `npm run teams:package` writes.
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { inflateRawSync, inflateSync } from 'node:zlib';
import AjvDraft04 from 'ajv-draft-04';
import AjvFormats from 'ajv-formats';
import { afterAll, describe, expect, it } from 'vitest';
import {
  MANIFEST_DIR,
  PLACEHOLDER_ID,
  buildManifest,
  buildPackage,
  colorIcon,
  exampleUrls,
  crc32,
  outlineIcon,
  pngInfo,
  readManifestTemplate,
  type Manifest,
} from '../../../src/channels/teams/app-package.js';
import { patient } from '../../helpers/time.js';

const APP_ID = '0b5c7a1e-2f3d-4e6a-9b8c-7d6e5f4a3b2c';
const require = createRequire(import.meta.url);
const template = readManifestTemplate();
// CommonJS modules with a default export, seen from ESM under NodeNext.
const Ajv = AjvDraft04.default;
const addFormats = AjvFormats.default;

function schemaFor(version: string) {
  const root = dirname(require.resolve('@microsoft/app-manifest/package.json'));
  const path = join(root, 'build', 'json-schemas', 'teams', `v${version}`, 'MicrosoftTeams.schema.json');
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
}

function validate(manifest: Manifest): string[] {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const check = ajv.compile(schemaFor(manifest.manifestVersion as string));
  return check(manifest) ? [] : (check.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`);
}

/** The entries of a zip, read from its central directory. */
function unzip(buffer: Buffer): Map<string, Buffer> {
  const end = buffer.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = buffer.readUInt16LE(end + 10);
  let at = buffer.readUInt32LE(end + 16);
  const files = new Map<string, Buffer>();
  for (let i = 0; i < count; i += 1) {
    expect(buffer.readUInt32LE(at)).toBe(0x02014b50);
    const method = buffer.readUInt16LE(at + 10);
    const crc = buffer.readUInt32LE(at + 16);
    const size = buffer.readUInt32LE(at + 20);
    const nameLength = buffer.readUInt16LE(at + 28);
    const extra = buffer.readUInt16LE(at + 30) + buffer.readUInt16LE(at + 32);
    const local = buffer.readUInt32LE(at + 42);
    const name = buffer.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    const dataStart = local + 30 + buffer.readUInt16LE(local + 26) + buffer.readUInt16LE(local + 28);
    const raw = buffer.subarray(dataStart, dataStart + size);
    const data = method === 8 ? inflateRawSync(raw) : raw;
    expect(crc32(data)).toBe(crc);
    files.set(name, data);
    at += 46 + nameLength + extra;
  }
  return files;
}

/** The RGBA pixels of a PNG written by encodePng (one IDAT, filter 0 on every row). */
function pixels(png: Buffer): Uint8Array {
  const { width, height } = pngInfo(png);
  let at = 8;
  const idat: Buffer[] = [];
  while (at < png.length) {
    const length = png.readUInt32BE(at);
    if (png.subarray(at + 4, at + 8).toString('ascii') === 'IDAT') idat.push(png.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const rows = inflateSync(Buffer.concat(idat));
  const out = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y += 1) {
    expect(rows[y * (width * 4 + 1)]).toBe(0);
    out.set(rows.subarray(y * (width * 4 + 1) + 1, (y + 1) * (width * 4 + 1)), y * width * 4);
  }
  return out;
}

describe('manifest/teams/manifest.json', () => {
  it("is valid against Microsoft's JSON schema for its manifest version", () => {
    expect(template.$schema).toBe(`https://developer.microsoft.com/json-schemas/teams/v${template.manifestVersion}/MicrosoftTeams.schema.json`);
    expect(Number(template.manifestVersion)).toBeGreaterThanOrEqual(1.19);
    expect(validate(template)).toEqual([]);
  });

  it('is caught by the schema when it is wrong (the check is real)', () => {
    const broken = structuredClone(template);
    broken.bots[0].scopes = ['personal', 'everywhere'];
    delete (broken as Record<string, unknown>).developer;
    expect(validate(broken).length).toBeGreaterThanOrEqual(2);
  });

  it('has a bot for personal chats, teams and group chats with the help, goals and reflect commands', () => {
    const [bot] = template.bots;
    expect(bot.scopes).toEqual(['personal', 'team', 'groupChat']);
    const lists = bot.commandLists as Array<{ scopes: string[]; commands: Array<{ title: string }> }>;
    for (const scope of bot.scopes) {
      const list = lists.find((l) => l.scopes.includes(scope));
      expect(list?.commands.map((c) => c.title)).toEqual(['help', 'goals', 'reflect']);
    }
    expect(Array.isArray(template.validDomains)).toBe(true);
  });

  it('ships the committed icons exactly as the generator draws them', () => {
    expect(readFileSync(join(MANIFEST_DIR, template.icons.color)).equals(colorIcon())).toBe(true);
    expect(readFileSync(join(MANIFEST_DIR, template.icons.outline)).equals(outlineIcon())).toBe(true);
  });

  it('has a 192×192 colour icon and a 32×32 outline icon that is white on transparent', () => {
    const color = readFileSync(join(MANIFEST_DIR, 'color.png'));
    expect(pngInfo(color)).toMatchObject({ width: 192, height: 192 });
    const outline = readFileSync(join(MANIFEST_DIR, 'outline.png'));
    expect(pngInfo(outline)).toEqual({ width: 32, height: 32, colorType: 6 });
    const px = pixels(outline);
    let transparent = 0;
    for (let i = 0; i < px.length; i += 4) {
      expect([px[i], px[i + 1], px[i + 2]]).toEqual([255, 255, 255]);
      if (px[i + 3] === 0) transparent += 1;
    }
    expect(transparent).toBeGreaterThan(32 * 32 * 0.5);
    expect(transparent).toBeLessThan(32 * 32);
  });
});

describe('the app package', () => {
  it("fills in the bot's app id, the Teams app id and the server's domain, and stays valid", () => {
    const manifest = buildManifest(template, { appId: APP_ID, publicUrl: 'https://samen.contoso.nl/' });
    expect(manifest.id).toBe(APP_ID);
    expect(manifest.bots[0].botId).toBe(APP_ID);
    expect(manifest.validDomains).toEqual(['samen.contoso.nl']);
    expect(validate(manifest)).toEqual([]);
    expect(JSON.stringify(manifest)).not.toContain(PLACEHOLDER_ID);
  });

  it('refuses a missing, malformed or placeholder app id and a non-https public URL', () => {
    expect(() => buildManifest(template, { appId: 'my-bot' })).toThrow(/MICROSOFT_APP_ID must be a GUID/);
    expect(() => buildManifest(template, { appId: PLACEHOLDER_ID })).toThrow(/placeholder/);
    expect(() => buildManifest(template, { appId: APP_ID, publicUrl: 'http://samen.contoso.nl' })).toThrow(/https/);
  });

  it('is a zip with manifest.json and both icons at its root', () => {
    const { zip } = buildPackage({ appId: APP_ID, teamsAppId: '5e4d3c2b-1a09-4876-8543-210fedcba987' });
    const files = unzip(zip);
    expect([...files.keys()]).toEqual(['manifest.json', 'color.png', 'outline.png']);
    const manifest = JSON.parse(files.get('manifest.json')!.toString('utf8')) as Manifest;
    expect(manifest.id).toBe('5e4d3c2b-1a09-4876-8543-210fedcba987');
    expect(manifest.bots[0].botId).toBe(APP_ID);
    expect(validate(manifest)).toEqual([]);
    expect(files.get('color.png')!.equals(readFileSync(join(MANIFEST_DIR, 'color.png')))).toBe(true);
  });

  const out = mkdtempSync(join(tmpdir(), 'samen-teams-package-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  const run = promisify(execFile);
  const tsx = join(dirname(require.resolve('tsx/package.json')), 'dist', 'cli.mjs');
  const teamsPackage = (args: string[], env: NodeJS.ProcessEnv) => run(process.execPath, [tsx, 'src/cli/teams-package.ts', ...args], { env });
  /** A copy of manifest/teams as an organisation fills it in: its own pages instead of the example ones. */
  const ownManifest = () => {
    const dir = mkdtempSync(join(out, 'manifest-'));
    cpSync(MANIFEST_DIR, dir, { recursive: true });
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
    manifest.developer = { ...manifest.developer, websiteUrl: 'https://www.contoso.nl/', privacyUrl: 'https://www.contoso.nl/privacy', termsOfUseUrl: 'https://www.contoso.nl/voorwaarden' };
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
    return dir;
  };

  it('names the example website, privacy and terms addresses, and none of an organisation\'s own', () => {
    expect(exampleUrls(template).map((e) => e.field)).toEqual(['developer.websiteUrl', 'developer.privacyUrl', 'developer.termsOfUseUrl']);
    expect(exampleUrls(readManifestTemplate(ownManifest()))).toEqual([]);
    const mixed = { ...template, developer: { ...template.developer, websiteUrl: 'https://contoso.nl/', privacyUrl: 'https://docs.example.com/p' } };
    expect(exampleUrls(mixed).map((e) => e.url)).toEqual(['https://docs.example.com/p', template.developer.termsOfUseUrl]);
  });

  it('is written by npm run teams:package with MICROSOFT_APP_ID from the environment and the organisation\'s manifest', async () => {
    const file = join(out, 'samen.zip');
    const env = { ...process.env, MICROSOFT_APP_ID: APP_ID, SAMEN_PUBLIC_URL: 'https://samen.contoso.nl' };
    const { stdout, stderr } = await teamsPackage(['--out', file, '--manifest', ownManifest()], env);
    expect(stdout).toContain(`bot ${APP_ID}`);
    expect(stderr).toBe('');
    const manifest = JSON.parse(unzip(readFileSync(file)).get('manifest.json')!.toString('utf8')) as Manifest;
    expect(manifest.bots[0].botId).toBe(APP_ID);
    expect(manifest.developer.privacyUrl).toBe('https://www.contoso.nl/privacy');
    expect(validate(manifest)).toEqual([]);
  }, patient(60_000));

  it('says everything that is missing at once, and writes nothing, without MICROSOFT_APP_ID and with the example addresses', async () => {
    const file = join(out, 'refused.zip');
    const missing = { ...process.env, MICROSOFT_APP_ID: '' };
    const refused = await teamsPackage(['--out', file], missing).then(
      () => undefined,
      (err: { code: number; stderr: string }) => err,
    );
    expect(refused?.code).toBe(2);
    expect(refused?.stderr).toContain('MICROSOFT_APP_ID is not set: set it (in the environment or .env) to the Microsoft App ID of your Azure Bot');
    expect(refused?.stderr).toContain('still has example addresses (developer.websiteUrl https://samen.example.org/');
    expect(refused?.stderr).toContain('--allow-example-urls');
    expect(existsSync(file)).toBe(false);
  }, patient(60_000));

  it('builds a package with the example addresses only when asked, warning loudly', async () => {
    const file = join(out, 'test-tenant.zip');
    const { stderr } = await teamsPackage(['--out', file, '--allow-example-urls'], { ...process.env, MICROSOFT_APP_ID: APP_ID });
    expect(stderr).toMatch(/^WARNING: this package still has example addresses .*never to your organisation's app catalogue\.\n$/);
    expect(existsSync(file)).toBe(true);
  }, patient(60_000));
});
