#!/usr/bin/env node
// peaceops command line. Runs on Node 24 (the project's pinned runtime), which strips TypeScript types.
const [major] = process.versions.node.split('.').map(Number);
if (major < 24) {
  console.error(
    `peaceops needs Node.js 24 or later; this is ${process.version}. Run it through npm (npx peaceops ...), ` +
      'which uses the Node 24 installed in node_modules.',
  );
  process.exit(1);
}
await import('../src/cli.ts');
