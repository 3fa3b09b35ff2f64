/**
 * RESULTS.md keeps prose written by hand around blocks the bench generates. Each scenario family
 * owns one block between its markers; a run replaces only that block and formats the file as
 * `npm run lint` expects.
 */
const fs = require('node:fs');

/** Replaces the block `name` ('' for the main one) of `file` with `markdown`, adding it when missing. */
async function writeResultsBlock(file, name, markdown) {
  const tag = name ? `bench-${name}` : 'bench';
  const start = `<!-- ${tag}:start -->`;
  const end = `<!-- ${tag}:end -->`;
  let text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmark results\n';
  if (!text.includes(start) || !text.includes(end)) text += `\n${start}\n${end}\n`;
  text =
    text.slice(0, text.indexOf(start)) +
    `${start}\n\n${markdown}\n${end}` +
    text.slice(text.indexOf(end) + end.length);
  const prettier = require('prettier');
  const options = (await prettier.resolveConfig(file)) ?? {};
  fs.writeFileSync(file, await prettier.format(text, { ...options, filepath: file }));
}

module.exports = { writeResultsBlock };
