// Fails fast when an npm script runs on a Node.js other than 24, the version Lambda runs.
// Plain JavaScript on purpose: it must run, and explain itself, on any Node.js version.
const required = 24;
const major = Number(process.versions.node.split('.')[0]);
if (major !== required) {
  console.error(
    [
      `This project runs on Node.js ${required}, but this script ran on Node.js ${process.versions.node} (${process.execPath}).`,
      'Why: the site build, the tests and the AWS Lambda runtime (nodejs24.x) all expect Node.js 24.',
      'What to do: run `npm install` (on Linux x64 it brings Node.js 24 into node_modules/.bin for every npm script),',
      `or install Node.js ${required} yourself (see .nvmrc), then run the command again through npm.`,
    ].join('\n'),
  );
  process.exit(1);
}

// The article index the backend reads (src/articles/write-index.mjs), fresh for every npm script.
const { writeArticleIndex } = await import('../articles/write-index.mjs');
writeArticleIndex();
