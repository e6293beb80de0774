// Guard run before every npm script: Astro 7 and our `.ts` scripts need Node >= 22.12.
// Plain JavaScript on purpose: it must run (and explain itself) on the old Node it rejects.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  console.error(
    `✖ This project needs Node >= 22.12, but npm ran its script with Node ${process.versions.node} (${process.execPath}).\n` +
      '  Hint: run `npm install` (or `npm ci`) first: it installs the pinned Node 24 runtime from the `node` devDependency\n' +
      '  into node_modules/.bin, which npm scripts use. If installs run with --ignore-scripts, re-run without it.',
  );
  process.exit(1);
}
