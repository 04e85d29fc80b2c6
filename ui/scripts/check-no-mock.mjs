// Fails the app's build when the mock backend got into it: the mock answers every command
// with made-up data, so it must never ship. Looks for strings only the mock contains.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dist = process.argv[2] ?? 'dist';
const markers = ['the mock was told to fail', '__mockOpened', 'mockTickets'];
const assets = join(dist, 'assets');
const found = readdirSync(assets)
  .filter((name) => name.endsWith('.js'))
  .flatMap((name) => {
    const text = readFileSync(join(assets, name), 'utf8');
    return markers.filter((marker) => text.includes(marker)).map((marker) => `${name}: ${marker}`);
  });
if (found.length > 0) {
  console.error(`The mock backend is in the app's build (${dist}):\n  ${found.join('\n  ')}`);
  process.exit(1);
}
console.log(`${dist}: no mock backend in the build`);
