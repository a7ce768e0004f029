// npm run teams:icons: draws Samen's Teams icons (color.png 192×192, outline.png 32×32 transparent) into manifest/teams/.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MANIFEST_DIR, colorIcon, outlineIcon } from '../channels/teams/app-package.js';

for (const [name, png] of [
  ['color.png', colorIcon()],
  ['outline.png', outlineIcon()],
] as const) {
  writeFileSync(join(MANIFEST_DIR, name), png);
  console.log(`wrote ${join(MANIFEST_DIR, name)} (${png.length} bytes)`);
}
