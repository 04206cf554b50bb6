// The `layers` rule of eslint.config.js: an allow-list of what each folder may import, in the way of
// VS Code's `code-layering` rule. A file belongs to the layer of the longest folder of the table its
// path starts with; a file in no layer is refused, so a new folder is named in the table before it
// is used. Within its own layer a file imports freely; from another layer only what its layer's
// `may` names (a folder, or one file such as 'core/index.ts'); npm packages only those its
// `packages` names, where the table gives `packages` at all ('node:*' and '@scope/*' match a family).
import fs from 'node:fs';
import path from 'node:path';

const EXTENSIONS = /\.(?:[cm]?[jt]sx?|json)$/;

/** 'core/errors.ts', 'core/errors' and the folder 'core' (its index) are named alike: without the ending. */
function moduleName(root, absolute) {
  let file = absolute;
  if (!EXTENSIONS.test(file) && fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index');
  return path.relative(root, file).split(path.sep).join('/').replace(/\.(?:[cm]?[jt]sx?)$/, '');
}

const within = (name, prefix) => prefix === '' || name === prefix || name.startsWith(`${prefix}/`);

function layerOf(layers, name) {
  // Files at the top of the repository (config files) are the layer ''.
  const candidates = Object.keys(layers).filter((key) => (key === '' ? !name.includes('/') : within(name, key)));
  return candidates.sort((a, b) => b.length - a.length)[0];
}

function packageName(specifier) {
  if (specifier.startsWith('node:')) return specifier;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

const matchesPackage = (name, pattern) => (pattern.endsWith('*') ? name.startsWith(pattern.slice(0, -1)) : name === pattern);

export const layersRule = {
  meta: {
    type: 'problem',
    docs: { description: 'what each folder may import (docs/architecture.md, "Directions of dependency")' },
    schema: [{ type: 'object', properties: { root: { type: 'string' }, layers: { type: 'object' } }, required: ['root', 'layers'] }],
    messages: {
      noLayer: "'{{file}}' is in no layer: name its folder in the layering rule of eslint.config.js first.",
      notAllowed: "{{layer}} may not import '{{target}}' (it may import: {{may}}).",
      notAllowedPackage: "{{layer}} may not use the package '{{package}}' (it may use: {{packages}}).",
    },
  },
  create(context) {
    const { root, layers } = context.options[0];
    const name = moduleName(root, context.filename);
    const layer = layerOf(layers, name);
    if (name.startsWith('..')) return {};
    if (layer === undefined) {
      return { Program: (node) => context.report({ node, messageId: 'noLayer', data: { file: name } }) };
    }
    const { may = [], packages } = layers[layer];
    const allowed = may.map((entry) => entry.replace(/\.(?:[cm]?[jt]sx?)$/, ''));
    const label = layer === '' ? 'a top-level file' : layer;

    function check(node, source) {
      if (!source || source.type !== 'Literal' || typeof source.value !== 'string') return;
      const specifier = source.value;
      if (specifier.startsWith('.') || specifier.startsWith('/')) {
        const target = moduleName(root, path.resolve(path.dirname(context.filename), specifier.replace(/\?.*$/, '')));
        if (layerOf(layers, target) === layer || allowed.some((entry) => within(target, entry))) return;
        context.report({ node: source, messageId: 'notAllowed', data: { layer: label, target, may: may.join(', ') || 'nothing of ours' } });
        return;
      }
      if (!packages) return;
      const pkg = packageName(specifier);
      if (packages.some((pattern) => matchesPackage(pkg, pattern))) return;
      context.report({ node: source, messageId: 'notAllowedPackage', data: { layer: label, package: pkg, packages: packages.join(', ') || 'none' } });
    }

    return {
      ImportDeclaration: (node) => check(node, node.source),
      ExportNamedDeclaration: (node) => check(node, node.source),
      ExportAllDeclaration: (node) => check(node, node.source),
      ImportExpression: (node) => check(node, node.source),
      TSImportEqualsDeclaration: (node) => check(node, node.moduleReference?.expression),
      CallExpression: (node) => {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require') check(node, node.arguments[0]);
      },
    };
  },
};

export default { rules: { layers: layersRule } };
