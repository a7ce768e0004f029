/**
 * The Teams app package: the icons (drawn here, written as PNG with Node's zlib), the
 * manifest with this installation's ids filled in, and the zip Teams accepts (manifest.json,
 * color.png and outline.png at its root), all with Node alone.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateRawSync, deflateSync } from 'node:zlib';
import { z } from 'zod';

export const MANIFEST_DIR = fileURLToPath(new URL('../../../manifest/teams/', import.meta.url));
/** The app id the committed manifest.json carries until packaging fills in the real one. */
export const PLACEHOLDER_ID = '00000000-0000-0000-0000-000000000000';
/** The domain the committed manifest.json carries until packaging fills in the server's. */
export const PLACEHOLDER_DOMAIN = 'samen.example.org';
export const ACCENT = { r: 0x1f, g: 0x6f, b: 0x5c };

// ---------------------------------------------------------------------------------------
// PNG

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n += 1) {
    let c = n;
    for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(data: Uint8Array, start = 0xffffffff): number {
  let c = start;
  for (let i = 0; i < data.length; i += 1) c = CRC_TABLE[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** An 8-bit RGBA image as PNG. */
export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  const rows = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y += 1) {
    rows[y * (width * 4 + 1)] = 0; // filter: none
    Buffer.from(rgba.buffer, rgba.byteOffset + y * width * 4, width * 4).copy(rows, y * (width * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Width, height and colour type of a PNG (for checks). */
export function pngInfo(png: Buffer): { width: number; height: number; colorType: number } {
  if (png.subarray(1, 4).toString('ascii') !== 'PNG') throw new Error('not a PNG');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20), colorType: png[25] };
}

/**
 * Samen's mark: two overlapping rings, two agencies around one family. Coverage of each
 * pixel by the rings is computed with 4×4 supersampling for smooth edges.
 */
function ringsCoverage(size: number, x: number, y: number): number {
  const r = size * 0.2;
  const stroke = Math.max(size * 0.055, 2.2);
  const centres = [
    [size * 0.385, size * 0.5],
    [size * 0.615, size * 0.5],
  ];
  let hits = 0;
  for (let sy = 0; sy < 4; sy += 1) {
    for (let sx = 0; sx < 4; sx += 1) {
      const px = x + (sx + 0.5) / 4;
      const py = y + (sy + 0.5) / 4;
      if (centres.some(([cx, cy]) => Math.abs(Math.hypot(px - cx, py - cy) - r) <= stroke / 2)) hits += 1;
    }
  }
  return hits / 16;
}

/** The 192×192 full-colour icon: white rings on Samen's green. */
export function colorIcon(size = 192): Buffer {
  const px = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y += 1) {
    for (let x = 0; x < size; x += 1) {
      const a = ringsCoverage(size, x, y);
      const i = (y * size + x) * 4;
      px[i] = Math.round(ACCENT.r + (255 - ACCENT.r) * a);
      px[i + 1] = Math.round(ACCENT.g + (255 - ACCENT.g) * a);
      px[i + 2] = Math.round(ACCENT.b + (255 - ACCENT.b) * a);
      px[i + 3] = 255;
    }
  }
  return encodePng(size, size, px);
}

/** The 32×32 outline icon: white rings on a transparent background, as Teams requires. */
export function outlineIcon(size = 32): Buffer {
  const px = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y += 1) {
    for (let x = 0; x < size; x += 1) {
      const i = (y * size + x) * 4;
      px[i] = 255;
      px[i + 1] = 255;
      px[i + 2] = 255;
      px[i + 3] = Math.round(255 * ringsCoverage(size, x, y));
    }
  }
  return encodePng(size, size, px);
}

// ---------------------------------------------------------------------------------------
// Manifest

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface PackageOptions {
  /** The Azure Bot's Microsoft App ID (MICROSOFT_APP_ID): the bot's id in the manifest. */
  appId: string;
  /** The Teams app's own id (TEAMS_APP_ID); default: the bot's app id. */
  teamsAppId?: string;
  /** The public URL of the Samen server (SAMEN_PUBLIC_URL); its host becomes the valid domain. */
  publicUrl?: string;
  /** The app version (default: the manifest's). */
  version?: string;
}

/**
 * The fields of Teams' manifest.json that the package fills in or reads; the rest passes
 * through as written (Microsoft's JSON schema checks the whole manifest in the tests).
 */
const ManifestSchema = z.looseObject({
  manifestVersion: z.string(),
  version: z.string(),
  id: z.string(),
  developer: z.looseObject({ websiteUrl: z.string(), privacyUrl: z.string(), termsOfUseUrl: z.string() }),
  icons: z.looseObject({ color: z.string().min(1), outline: z.string().min(1) }),
  bots: z.array(z.looseObject({ botId: z.string(), scopes: z.array(z.string()) })),
  validDomains: z.array(z.string()).optional(),
});
export type Manifest = z.output<typeof ManifestSchema>;

export function readManifestTemplate(dir = MANIFEST_DIR): Manifest {
  const parsed = ManifestSchema.safeParse(JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')));
  if (!parsed.success) throw new Error(`${join(dir, 'manifest.json')} is not a Teams manifest Samen can fill in:\n${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/** Hosts kept for examples (RFC 2606 and RFC 6761), such as the committed manifest's samen.example.org. */
const EXAMPLE_HOST = /(^|\.)(example\.(com|org|net)|example|test|invalid|localhost)$/i;

/**
 * The developer's pages (website, privacy statement, terms of use) that still point at an example address: Teams
 * shows them to every user and admin on the app's page, so an organisation's package must have its own.
 */
export function exampleUrls(manifest: Manifest): { field: string; url: string }[] {
  return (['websiteUrl', 'privacyUrl', 'termsOfUseUrl'] as const)
    .map((field) => ({ field: `developer.${field}`, url: manifest.developer[field] }))
    .filter(({ url }) => !URL.canParse(url) || EXAMPLE_HOST.test(new URL(url).hostname));
}

/** The manifest for one installation: ids, domain and version filled in. */
export function buildManifest(template: Manifest, options: PackageOptions): Manifest {
  const teamsAppId = options.teamsAppId ?? options.appId;
  for (const [name, value] of [
    ['MICROSOFT_APP_ID', options.appId],
    ['TEAMS_APP_ID', teamsAppId],
  ] as const) {
    if (!GUID.test(value)) throw new Error(`${name} must be a GUID like 00000000-0000-0000-0000-000000000000`);
    if (value === PLACEHOLDER_ID) throw new Error(`${name} is the placeholder id: set the id of your Azure Bot`);
  }
  const manifest = structuredClone(template);
  manifest.id = teamsAppId;
  for (const bot of manifest.bots) bot.botId = options.appId;
  if (options.version) manifest.version = options.version;
  const domains = (manifest.validDomains ?? []).filter((d) => d !== PLACEHOLDER_DOMAIN);
  if (options.publicUrl) {
    if (!URL.canParse(options.publicUrl) || new URL(options.publicUrl).protocol !== 'https:') {
      throw new Error('SAMEN_PUBLIC_URL must be an https:// URL (Teams reaches the bot over HTTPS)');
    }
    const host = new URL(options.publicUrl).hostname;
    if (!domains.includes(host)) domains.unshift(host);
  }
  manifest.validDomains = domains;
  return manifest;
}

// ---------------------------------------------------------------------------------------
// Zip (stored entries deflated; no extra fields, no data descriptors)

export interface ZipEntry {
  name: string;
  data: Buffer;
}

/** DOS date/time of a Date (zip's timestamp format). */
function dosTime(d: Date): { time: number; date: number } {
  return {
    time: (d.getHours() << 11) | (d.getMinutes() << 5) | Math.floor(d.getSeconds() / 2),
    date: ((d.getFullYear() - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
  };
}

export function zip(entries: ZipEntry[], mtime = new Date(2024, 0, 1)): Buffer {
  const { time, date } = dosTime(mtime);
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const compressed = deflateRawSync(entry.data, { level: 9 });
    const crc = crc32(entry.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(date, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(entry.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // version made by
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt16LE(time, 12);
    central.writeUInt16LE(date, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(entry.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, compressed);
    centrals.push(central, name);
    offset += local.length + name.length + compressed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** The app package: manifest.json and both icons at the root of a zip. */
export function buildPackage(options: PackageOptions, dir = MANIFEST_DIR): { manifest: Manifest; zip: Buffer } {
  const manifest = buildManifest(readManifestTemplate(dir), options);
  const files: ZipEntry[] = [{ name: 'manifest.json', data: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8') }];
  for (const icon of [manifest.icons.color, manifest.icons.outline]) {
    files.push({ name: icon, data: readFileSync(join(dir, icon)) });
  }
  const color = pngInfo(files[1].data);
  const outline = pngInfo(files[2].data);
  if (color.width !== 192 || color.height !== 192) throw new Error(`${manifest.icons.color} must be 192×192`);
  if (outline.width !== 32 || outline.height !== 32 || outline.colorType !== 6) {
    throw new Error(`${manifest.icons.outline} must be a 32×32 PNG with transparency`);
  }
  return { manifest, zip: zip(files) };
}
