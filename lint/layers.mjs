/**
 * The layering rule for src/: a module may import its own folder and the layers below it, never a
 * layer above it or beside it, so the folders cannot import each other in circles.
 *
 * A small local rule rather than no-restricted-imports or a plugin: it resolves each relative
 * specifier to the folder it lands in (so `../x` and `../../x` are judged by where they point, not
 * how they are spelled), it sees dynamic import() and require() too, and a folder missing from the
 * table is itself an error, so a new folder has to be given a place.
 */
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project's src/, found from this file so the rule works whatever folder ESLint runs in. */
const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'src');

/** Lowest first. Names in one group are peers: neither imports the other. */
export const LAYERS = [
  ['errors', 'types', 'log'],
  ['options'],
  ['sql'],
  ['catalog'],
  ['rest'],
  ['auth'],
  ['procedures'],
  ['engine'],
  ['connection'],
  ['server', 'mcp', 'replica'],
  // The public surface hands connect() the replica, and nothing imports it.
  ['index', 'cli'],
];

/** Stands apart: imports nothing of the provider, and only the programs on top import it. */
export const ISOLATED = 'simulator';
export const SIMULATOR_USERS = ['cli', 'server', 'mcp', 'replica'];

const rank = new Map(LAYERS.flatMap((group, i) => group.map((name) => [name, i])));
const chain = LAYERS.map((group) => group.join(', ')).join(' → ');

/** The layer of a path inside src: its top folder, or a top-level file's name without extension. */
function layerOf(srcDir, file) {
  const rel = path.relative(srcDir, file);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
  const parts = rel.split(path.sep);
  return parts.length === 1 ? parts[0].replace(/\.[cm]?[jt]s$/, '') : parts[0];
}

/** Why `from` may not import `to`, or undefined when it may. */
export function layerViolation(from, to) {
  if (from === to) return undefined;
  if (from === ISOLATED) return `src/${ISOLATED} imports nothing of the provider (it imports src/${to})`;
  if (to === ISOLATED) {
    if (SIMULATOR_USERS.includes(from)) return undefined;
    return `only the programs on top (${SIMULATOR_USERS.join(', ')}) import src/${ISOLATED}, not src/${from}`;
  }
  for (const name of [from, to]) {
    if (!rank.has(name)) return `src/${name} has no place in the layer table (lint/layers.mjs); add it there`;
  }
  if (rank.get(to) < rank.get(from)) return undefined;
  const where = rank.get(to) === rank.get(from) ? 'beside it' : 'above it';
  return `src/${from} may not import src/${to}, a layer ${where}; lower layers never import higher ones (${chain})`;
}

function specifierOf(node) {
  if (node.type === 'CallExpression') {
    const isRequire = node.callee.type === 'Identifier' && node.callee.name === 'require';
    return isRequire ? node.arguments[0] : undefined;
  }
  if (node.type === 'TSImportEqualsDeclaration') {
    return node.moduleReference.type === 'TSExternalModuleReference'
      ? node.moduleReference.expression
      : undefined;
  }
  if (node.type === 'TSImportType') return node.argument?.literal ?? node.argument;
  return node.source;
}

const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'Lower layers of src/ never import higher ones; src/simulator stands apart.' },
    schema: [],
    messages: { layer: '{{why}}' },
  },
  create(context) {
    const file = context.physicalFilename ?? context.filename;
    const srcDir = SRC;
    const from = layerOf(srcDir, file);
    if (from === undefined) return {};
    const check = (node) => {
      const spec = specifierOf(node);
      if (!spec || spec.type !== 'Literal' || typeof spec.value !== 'string') return;
      if (!spec.value.startsWith('.')) return;
      const to = layerOf(srcDir, path.resolve(path.dirname(file), spec.value));
      if (to === undefined) return;
      const why = layerViolation(from, to);
      if (why) context.report({ node: spec, messageId: 'layer', data: { why } });
    };
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
      CallExpression: check,
      TSImportEqualsDeclaration: check,
      TSImportType: check,
    };
  },
};

export default { rules: { layers: rule } };
