// The baseline for the codemod benchmark: what every jscodeshift transform pays at least, a parse
// of the file with the runner's parser and a print of the tree (recast).
module.exports = function noopTransform(file, api) {
  return api.jscodeshift(file.source).toSource();
};
